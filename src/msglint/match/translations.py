"""Catalog words of other languages -> the English word product names are compared by.

Shops in several countries list one product with its colour, gender, material and kind in
their own language: "Nike Free Trainer 3.0 v4 - Noir/Bleu Lagon" and "... - Schwarz/
Lagunenblau/Blau", "Puma evoSPEED 3.5 Cuir FG" and "... Lth FG", "chaussures pour homme"
and "Herren Schuhe". Mapped to one English word, the colours and genders join the closed
vocabularies that tell products apart (a black shoe is not a white one, in any language) and
the other words meet as shared words.

Only words that name nothing else in a product title are listed: not German "braun" (also
a brand), French "or" (also English), Italian "blu" ("Blu Ray") and "viola" (the
instrument), "lea" (Lea & Perrins) or French "rose" ("rose gold"). They are folded as
`normalize.fold` folds them (accents off; Polish "ł" has no decomposition, so both
spellings are given). French, German, Italian, Spanish, Dutch, Polish and Portuguese: the
languages of the European shops seen in public product catalogs (the WDC shoes and watches
offers among them).
"""

from __future__ import annotations

_BY_ENGLISH: dict[str, str] = {
    # colours
    "black": "noir noire noirs schwarz schwarze schwarzer nero nera neri negro negra zwart "
    "zwarte czarny czarne czarna preto preta",
    "white": "blanc blanche blancs weiss weisse weisser bianco bianca bianchi blanco blanca "
    "wit witte bialy biały biale białe biala biała branco branca",
    "red": "rouge rouges rot rote roter rosso rossa rossi rojo roja rood rode czerwony "
    "czerwone czerwona vermelho vermelha",
    "blue": "bleu bleue bleus blau blaue blauer azul azule blauw blauwe niebieski "
    "niebieskie niebieska",
    "green": "vert verte verts grun grune gruen verde verdi groen groene zielony zielone zielona",
    "pink": "rosa roze rozowy rozowe rozowa różowy",
    "gray": "gris grise grau graue grigio grigia grigi grijs grijze szary szare szara cinza",
    "brown": "marron marrone bruin brazowy brazowe brązowy",
    "orange": "arancione naranja oranje pomaranczowy pomaranczowe laranja",
    "yellow": "jaune gelb gelbe giallo gialla amarillo amarilla geel gele zolty zolte żółty "
    "amarelo amarela",
    "purple": "violet violette violett morado morada paars fioletowy fioletowe roxo",
    "silver": "argent argente silber argento plata zilver srebrny srebrne prata",
    "gold": "oro goud dorado dourado",
    # who the product is for
    "women": "femme femmes damen donna donne mujer mujeres dames damskie damski damska "
    "feminino wmns wmn",
    "men": "homme hommes herren uomo hombre hombres heren meskie męskie meski męski masculino",
    "kid": "enfant enfants kinder bambino bambini bambina kinderen "
    "dzieciece dziecięce dzieciecy junior juniors jr",
    # what it is made of, and what it is
    "leather": "cuir leder pelle piel skora skóra lth couro",
    "shoe": "chaussure chaussures schuh schuhe scarpa scarpe zapatilla zapatillas zapato "
    "zapatos schoen schoenen buty sapato sapatos",
}

#: Folded foreign word -> English word.
TRANSLATIONS: dict[str, str] = {
    word: english for english, words in _BY_ENGLISH.items() for word in words.split()
}
