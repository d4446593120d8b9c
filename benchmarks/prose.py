"""Benchmark `msglint check` on a generated corpus of product-description Markdown.

Run from the repository root (msglint installed, e.g. `pip install -e .`):

    python benchmarks/prose.py                 # 2,000 files, about 5 MB, 3 timed runs
    python benchmarks/prose.py --files 500 --repeat 5 --json > figures.json

The script writes into a work folder (default `benchmarks/out/prose`, git-ignored):

    msglint.yaml      one `docs` source over corpus/**/*.md; packs: general + bench.yaml
    bench.yaml        a 500-entry `terminology` rule (wrong -> right)
    corpus/           the generated Markdown files
    startup/          the same config over a one-file corpus, to measure the fixed cost
    report.json       the JSON report of the last timed run

Everything is generated from word banks in this file with a seeded `random.Random`, so the
same seed and file count always give the same bytes (the corpus digest is printed to prove
it). `msglint check` runs in a child process, as a user runs it, so the timings include
interpreter start-up, imports and rule preparation; the one-file run isolates that fixed
cost so a steady-state throughput can be given as well. Only the standard library is used.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from random import Random

DEFAULT_WORKDIR = Path(__file__).resolve().parent / "out" / "prose"
DEFAULT_VALE_STYLES = Path(__file__).resolve().parents[2] / "shared" / "data" / "vale-styles"
VALE_STYLES = ("Microsoft", "Google", "write-good")
HELP_LIMIT_MS = 200.0
TERM_COUNT = 500

# ------------------------------------------------------------------------------------------
# Word banks: the clean prose. Nothing in here may contain a `bench.terms` key or a phrase a
# `general` rule flags, so every finding comes from a planted hit (see `--no-hits`).
# ------------------------------------------------------------------------------------------

PRODUCTS: list[tuple[str, str]] = [
    ("Nimbus Router", "router"),
    ("Nimbus Mesh", "mesh network system"),
    ("Orbit Camera", "security camera"),
    ("Orbit Doorbell", "video doorbell"),
    ("Pulse Earbuds", "pair of wireless earbuds"),
    ("Pulse Headphones", "pair of over-ear headphones"),
    ("Volt Power Bank", "power bank"),
    ("Volt Charger", "wall charger"),
    ("Atlas Laptop", "laptop"),
    ("Atlas Dock", "docking station"),
    ("Halo Smart Bulb", "smart bulb"),
    ("Halo Light Strip", "light strip"),
    ("Cadence Speaker", "smart speaker"),
    ("Cadence Soundbar", "soundbar"),
    ("Terra Thermostat", "smart thermostat"),
    ("Terra Air Sensor", "air quality sensor"),
    ("Drift Scooter", "electric scooter"),
    ("Summit Watch", "smartwatch"),
    ("Summit Band", "fitness band"),
    ("Vault Drive", "portable drive"),
    ("Vault Station", "network storage device"),
    ("Prism Monitor", "monitor"),
    ("Prism Webcam", "webcam"),
    ("Lumen Projector", "projector"),
    ("Glide Keyboard", "keyboard"),
    ("Glide Mouse", "mouse"),
    ("Harbor Smart Lock", "smart lock"),
    ("Beacon Tracker", "item tracker"),
    ("Cirrus Tablet", "tablet"),
    ("Forge Printer", "printer"),
]

FEATURES = [
    "dual-band Wi-Fi 6",
    "end-to-end encryption",
    "automatic firmware updates",
    "a two-year limited warranty",
    "USB-C fast charging",
    "voice control through the Acme app",
    "a recycled aluminum body",
    "all-day battery life",
    "active noise cancellation",
    "night vision up to 10 meters",
    "4K HDR video",
    "instant alerts on your phone",
    "a built-in privacy shutter",
    "guest access",
    "family sharing",
    "monthly energy reports",
    "scheduled routines",
    "local storage with no monthly fee",
    "an IP67 water-resistant design",
    "magnetic mounting",
    "tool-free installation",
    "multi-device pairing",
    "spatial audio",
    "a matte anti-glare screen",
    "adaptive brightness",
    "one-tap backups",
    "two-factor authentication",
    "parental controls",
    "a 90-day free trial of Acme Plus",
    "a replaceable battery",
    "Matter and Thread support",
    "Bluetooth 5.3",
    "a quiet, fanless design",
    "hands-free calling",
    "motion zones",
]

AUDIENCES = [
    "busy families",
    "small offices",
    "remote teams",
    "first-time buyers",
    "frequent travelers",
    "video creators",
    "students",
    "gamers",
    "home cooks",
    "IT admins",
    "renters",
    "people who work from home",
]

BENEFITS = [
    "get set up in minutes",
    "stay connected in every room",
    "keep your data private",
    "save energy without thinking about it",
    "get more done on the go",
    "hear every detail",
    "see who is at the door",
    "keep track of your keys",
    "work comfortably all day",
    "share files with the whole team",
    "keep an eye on things while you are away",
    "spend less time on chores",
    "stream without buffering",
    "wake up to a warm home",
]

COLORS = ["graphite", "sand", "ocean blue", "forest green", "chalk white", "midnight", "coral"]
THINGS = ["settings", "home screen", "notifications", "photos", "devices", "rooms", "schedules"]

MARKETING = [
    "The {product} helps {audience} {benefit}.",
    "With {feature} and {feature2}, the {product} is built for {audience}.",
    "Every {product} ships with {feature}.",
    "Designed for {audience}, the {product} lets you {benefit}.",
    "The {product} works with the Acme app, so you can {benefit}.",
    "Add {feature} to your home and {benefit}.",
    "Compared with the previous model, the {product} adds {feature} and up to {pct}% more "
    "battery life.",
    "Customers tell us the {product} is the easiest way to {benefit}.",
    "Order today and get {feature} at no extra cost.",
    "The {product} is available in {color}, {color2} and {color3}.",
    "Prices start at ${price} for the {product}.",
    "Members of Acme Plus save {pct}% on the {product} and get free shipping.",
    "Pair the {product} with the {product2} to {benefit}.",
    "Our engineers spent two years making the {product} smaller, lighter and quieter.",
    "Thanks to {feature}, the {product} keeps working even when your internet is down.",
    "Setup takes about {minutes} minutes, and the app walks you through every step.",
    "The {product} uses {pct}% less power than the model it replaces.",
    "Reviewers called the {product} a great pick for {audience}.",
    "Choose a finish that suits your space: {color}, {color2} or {color3}.",
    "Each {kind} is tested for {hours} hours before it leaves our factory.",
]

SUPPORT = [
    "If the status light blinks amber, restart the {product} and wait two minutes.",
    "Make sure the Acme app is updated to version {version} or later.",
    "To reset the {product}, press and hold the button on the back for ten seconds.",
    "You can find the serial number on the label under the {product} or in the app under "
    "Settings > About.",
    "If the problem continues, contact our support team with your order number.",
    "Firmware updates install automatically overnight; you can also start one from the app.",
    "Returns are free within {days} days of delivery.",
    "Check that your phone is connected to a 2.4 GHz network during setup.",
    "Battery life depends on settings, usage and other factors.",
    "Our support team is available every day from 8 a.m. to 8 p.m. Eastern Time.",
    "Keep the {product} within {meters} meters of the {product2} for the best results.",
    "If the app cannot find the {product}, turn Bluetooth off and on again on your phone.",
    "A full charge takes about {hours} hours with the included cable.",
    "Clean the {product} with a soft, dry cloth; do not use household cleaners.",
    "When you replace the batteries, the {product} keeps all of its settings.",
    "Shipping to Alaska and Hawaii can take up to {days} extra business days.",
    "Replacement parts for the {product} are listed in the Acme app under Help.",
    "For warranty claims, keep your receipt or the confirmation from your Acme account.",
]

RELEASE = [
    "Version {version} improves connection stability for the {product}.",
    "Fixed an issue where the {product} showed the wrong battery level after a restart.",
    "Notifications now arrive up to {pct}% faster.",
    "Added support for {feature} on the {product}.",
    "The setup flow now remembers your Wi-Fi network between attempts.",
    "Reduced power use in standby by {pct}%.",
    "Improved the accuracy of the battery estimate on the {product}.",
    "Fixed a rare crash when two phones controlled the {product} at once.",
]

HEADINGS = {
    "products": [
        "Overview",
        "Key features",
        "Specifications",
        "What's in the box",
        "Compatibility",
        "Pricing and availability",
        "Why customers love it",
    ],
    "support": [
        "Before you start",
        "Step-by-step",
        "Troubleshooting",
        "Frequently asked questions",
        "Still need help?",
    ],
    "blog": ["The short version", "What changed", "How we tested it", "What's next"],
    "releases": ["Highlights", "Improvements", "Fixes", "Known issues"],
    "compare": ["At a glance", "Side by side", "Which one is right for you?"],
}

SPECS = [
    ("Weight", lambda r: f"{r.randint(40, 2400)} g"),
    (
        "Dimensions",
        lambda r: f"{r.randint(30, 320)} × {r.randint(30, 220)} × {r.randint(8, 90)} mm",
    ),
    ("Battery", lambda r: f"Up to {r.randint(6, 60)} hours"),
    (
        "Charging",
        lambda r: r.choice(["USB-C, 20 W", "USB-C, 45 W", "Wireless, 15 W", "AC adapter"]),
    ),
    ("Connectivity", lambda r: r.choice(["Wi-Fi 6, Bluetooth 5.3", "Wi-Fi 5", "Thread, Matter"])),
    ("Storage", lambda r: r.choice(["32 GB", "64 GB", "128 GB", "1 TB", "2 TB"])),
    ("Warranty", lambda r: r.choice(["1 year", "2 years", "3 years"])),
    ("Operating temperature", lambda r: f"0 to {r.randint(35, 45)} °C"),
    ("Colors", lambda r: ", ".join(r.sample(COLORS, 3))),
    ("Price", lambda r: f"${r.randint(19, 899)}.{r.choice(['00', '99', '49'])}"),
]

IN_THE_BOX = [
    "USB-C cable",
    "quick start guide",
    "wall mount",
    "screws and anchors",
    "power adapter",
    "carrying pouch",
    "ear tips in three sizes",
    "safety information",
]

CODE_BLOCKS = [
    "```bash\nacme-cli login --e-mail you@example.com\nacme-cli device update --id {sku}\n```",
    '```json\n{\n  "device": "{sku}",\n  "mode": "eco",\n  "schedule": "TBD"\n}\n```',
    "```yaml\ndevice: {sku}\nlog_in_on_start: true\nweb_site: https://www.example.com\n```",
    "```\nGET /v1/devices/{sku}/status HTTP/1.1\nHost: api.example.com\n```",
]

INLINE_CODE = [
    "Run `acme-cli status --device {sku}` to check the connection.",
    "Advanced users can set `sync_interval` to `{minutes}m` in the config file.",
    "The log file is saved as `acme-{sku}.log` in your Downloads folder.",
]

LINKS = [
    "Learn more on the [{product} page](https://www.example.com/products/{slug}).",
    "See [our shipping policy](https://www.example.com/help/shipping) for delivery times.",
    "Read the [setup guide](https://support.example.com/{slug}/setup) before you begin.",
    "Compare plans on the [Acme Plus page](https://www.example.com/plus).",
    "Questions? [Contact support](https://support.example.com/contact) any time.",
]

# ------------------------------------------------------------------------------------------
# Planted hits for the shipped `general` pack: one finding each, in prose.
# ------------------------------------------------------------------------------------------

GENERAL_HITS: list[tuple[str, int]] = [  # (sentence, weight)
    ("We send a confirmation e-mail as soon as your order ships.", 6),
    ("Questions? Send us an e-mail and we will reply within a day.", 4),
    ("Release date for Europe: TBD.", 3),
    ("Now only {{price}} for a limited time.", 3),
    ("Pay {{ monthly_price }} a month with Acme Pay.", 1),
    ("Visit our web site for the full list of retailers.", 2),
    ("Register your {product} on-line to extend the warranty.", 2),
    ("Tap the the gear icon to open settings.", 1),
    ("Save $NaN when you buy two.", 1),
    ("Lorem ipsum dolor sit amet.", 1),
]

# ------------------------------------------------------------------------------------------
# The 500 terminology pairs, with how a sentence carries each (its part of speech).
# ------------------------------------------------------------------------------------------

CARRIERS = {
    "noun": [
        "Open the {w} from the main menu.",
        "The {w} is included with every plan.",
        "You can change the {w} at any time.",
        "Details about the {w} are in the app.",
    ],
    "name": [
        "The {w} has been replaced by a newer model.",
        "Owners of the {w} can trade it in for a discount.",
        "Accessories for the {w} still fit the new model.",
    ],
    "vi": [
        "You can {w} from any device.",
        "Remember to {w} before you hand the tablet to someone else.",
        "To see your orders, {w} with your Acme account.",
    ],
    "vi-ed": ["Once you have {w}, your settings follow you to every device."],
    "vi-ing": ["Trouble {w}? Check that your password is correct."],
    "vt": [
        "{W} the {product} to finish setup.",
        "You may need to {w} the {product} after an update.",
    ],
    "vt-thing": ["{W} your {thing} in the app.", "It is easy to {w} your {thing}."],
    "adj": [
        "It brings {w} performance to your desk.",
        "Enjoy {w} sound in every room.",
        "The {product} has a {w} design.",
    ],
    "adv": ["Everything works {w} with the Acme app."],
}

VERBS_VI = [  # (wrong, right, {inflection: wrong form})
    ("log in", "sign in", {"vi-ed": "logged in", "vi-ing": "logging in"}),
    ("log out", "sign out", {"vi-ed": "logged out"}),
    ("log on", "sign in", {"vi-ing": "logging on"}),
    ("log off", "sign out", {}),
    ("sign on", "sign in", {}),
    ("logon", "sign in", {}),
    ("signin", "sign in", {}),
    ("signout", "sign out", {}),
    ("boot up", "start up", {}),
    ("sync up", "sync", {}),
    ("signup", "sign up", {}),
    ("register for an account", "sign up", {}),
    ("opt-in", "opt in", {}),
    ("opt-out", "opt out", {}),
]

VERBS_VT = [
    ("click on", "click"),
    ("tap on", "tap"),
    ("utilize", "use"),
    ("leverage", "use"),
    ("re-install", "reinstall"),
    ("re-start", "restart"),
    ("re-boot", "reboot"),
    ("re-set", "reset"),
    ("re-connect", "reconnect"),
    ("re-pair", "repair"),
    ("un-install", "uninstall"),
    ("down-load", "download"),
    ("up-load", "upload"),
    ("up-grade", "upgrade"),
    ("down-grade", "downgrade"),
    ("hook up", "connect"),
    ("power on", "turn on"),
    ("power off", "turn off"),
    ("switch on", "turn on"),
    ("switch off", "turn off"),
    ("pre-order", "preorder"),
    ("de-register", "deregister"),
    ("pro-rate", "prorate"),
    ("auto-update", "update automatically"),
    ("factory-reset", "reset"),
    ("hard-reset", "reset"),
    ("soft-reset", "restart"),
    ("back-up", "back up"),
    ("set-up", "set up"),
    ("plug-in", "plug in"),
]

UK_US_VT = [
    ("organise", "organize"),
    ("customise", "customize"),
    ("optimise", "optimize"),
    ("personalise", "personalize"),
    ("prioritise", "prioritize"),
    ("synchronise", "synchronize"),
    ("authorise", "authorize"),
    ("categorise", "categorize"),
    ("summarise", "summarize"),
    ("analyse", "analyze"),
    ("minimise", "minimize"),
    ("maximise", "maximize"),
    ("recognise", "recognize"),
    ("utilise", "use"),
    ("finalise", "finalize"),
    ("visualise", "visualize"),
    ("standardise", "standardize"),
    ("centralise", "centralize"),
    ("digitise", "digitize"),
    ("memorise", "memorize"),
    ("emphasise", "emphasize"),
    ("apologise", "apologize"),
    ("familiarise", "familiarize"),
    ("initialise", "initialize"),
    ("randomise", "randomize"),
    ("sanitise", "sanitize"),
    ("monetise", "monetize"),
    ("energise", "energize"),
    ("harmonise", "harmonize"),
    ("stabilise", "stabilize"),
]

UK_US_NOUN = [
    ("colour", "color"),
    ("favourite", "favorite"),
    ("behaviour", "behavior"),
    ("honour", "honor"),
    ("labour", "labor"),
    ("neighbour", "neighbor"),
    ("flavour", "flavor"),
    ("humour", "humor"),
    ("vapour", "vapor"),
    ("odour", "odor"),
    ("armour", "armor"),
    ("rumour", "rumor"),
    ("catalogue", "catalog"),
    ("dialogue", "dialog"),
    ("analogue", "analog"),
    ("centre", "center"),
    ("metre", "meter"),
    ("litre", "liter"),
    ("fibre", "fiber"),
    ("theatre", "theater"),
    ("calibre", "caliber"),
    ("spectre", "specter"),
    ("licence", "license"),
    ("defence", "defense"),
    ("offence", "offense"),
    ("aluminium", "aluminum"),
    ("jewellery", "jewelry"),
    ("cheque", "check"),
    ("programme", "program"),
    ("tyre", "tire"),
    ("kerb", "curb"),
    ("manoeuvre", "maneuver"),
    ("enrolment", "enrollment"),
    ("fulfilment", "fulfillment"),
    ("instalment", "installment"),
    ("organisation", "organization"),
    ("customisation", "customization"),
    ("optimisation", "optimization"),
    ("personalisation", "personalization"),
    ("synchronisation", "synchronization"),
    ("authorisation", "authorization"),
    ("categorisation", "categorization"),
    ("visualisation", "visualization"),
    ("initialisation", "initialization"),
    ("grey", "gray"),
    ("mould", "mold"),
    ("plough", "plow"),
    ("pyjamas", "pajamas"),
    ("cosy", "cozy"),
    ("storey", "story"),
    ("sceptic", "skeptic"),
    ("moustache", "mustache"),
    ("postcode", "ZIP code"),
    ("mobile phone", "cell phone"),
    ("torch", "flashlight"),
    ("car park", "parking lot"),
    ("fortnight", "two weeks"),
    ("flat pack", "ready-to-assemble"),
    ("high street", "main street"),
    ("queue", "line"),
]

# Open or hyphenated spellings of words the style guide writes closed: two keys per word.
CLOSED_COMPOUNDS = [
    ("data", "base"),
    ("dash", "board"),
    ("work", "flow"),
    ("time", "stamp"),
    ("file", "name"),
    ("user", "name"),
    ("key", "board"),
    ("head", "phones"),
    ("ear", "buds"),
    ("touch", "screen"),
    ("smart", "phone"),
    ("smart", "watch"),
    ("lap", "top"),
    ("desk", "top"),
    ("web", "cam"),
    ("home", "page"),
    ("check", "box"),
    ("drop", "down"),
    ("pass", "word"),
    ("pass", "code"),
    ("firm", "ware"),
    ("band", "width"),
    ("broad", "band"),
    ("work", "space"),
    ("work", "station"),
    ("market", "place"),
    ("store", "front"),
    ("wish", "list"),
    ("walk", "through"),
    ("trouble", "shoot"),
    ("touch", "pad"),
    ("track", "pad"),
    ("key", "pad"),
    ("hot", "spot"),
    ("off", "line"),
    ("life", "time"),
    ("head", "set"),
    ("sound", "bar"),
    ("screen", "shot"),
    ("wall", "paper"),
    ("book", "mark"),
    ("note", "book"),
    ("ear", "phones"),
    ("speaker", "phone"),
    ("voice", "mail"),
    ("news", "letter"),
    ("short", "cut"),
    ("tool", "bar"),
    ("side", "bar"),
    ("pop", "up"),
    ("sub", "menu"),
    ("sub", "folder"),
    ("thumb", "nail"),
    ("head", "line"),
    ("foot", "note"),
    ("cook", "ware"),
    ("door", "bell"),
    ("night", "stand"),
]

NOUNS = [
    ("e-book", "ebook"),
    ("e-commerce", "ecommerce"),
    ("e-learning", "online learning"),
    ("e-signature", "electronic signature"),
    ("e-wallet", "digital wallet"),
    ("e-receipt", "digital receipt"),
    ("e-ticket", "digital ticket"),
    ("e-invoice", "electronic invoice"),
    ("e-gift card", "digital gift card"),
    ("e-store", "online store"),
    ("e-shop", "online store"),
    ("e-reader", "ereader"),
    ("wifi", "Wi-Fi"),
    ("wi fi", "Wi-Fi"),
    ("wireless internet", "Wi-Fi"),
    ("blue tooth", "Bluetooth"),
    ("usb c", "USB-C"),
    ("type-c", "USB-C"),
    ("micro usb", "micro-USB"),
    ("sign-up page", "signup page"),
    ("sign up page", "signup page"),
    ("sign-up form", "signup form"),
    ("sign up form", "signup form"),
    ("sign-up bonus", "signup bonus"),
    ("sign-in page", "sign-in screen"),
    ("login page", "sign-in page"),
    ("login screen", "sign-in screen"),
    ("login button", "Sign in button"),
    ("login details", "sign-in details"),
    ("login credentials", "sign-in details"),
    ("log-in page", "sign-in page"),
    ("user id", "username"),
    ("user account", "account"),
    ("customer care", "customer support"),
    ("help desk", "support team"),
    ("helpdesk", "support team"),
    ("call centre", "support line"),
    ("call center", "support line"),
    ("service desk", "support team"),
    ("customer service team", "support team"),
    ("knowledge-base", "knowledge base"),
    ("knowledgebase", "knowledge base"),
    ("help centre", "Help Center"),
    ("faq's", "FAQs"),
    ("rma number", "return authorization number"),
    ("return merchandise authorization", "return authorization"),
    ("tracking id", "tracking number"),
    ("order id", "order number"),
    ("shopping basket", "cart"),
    ("shopping bag", "cart"),
    ("shopping trolley", "cart"),
    ("check-out page", "checkout page"),
    ("promo-code", "promo code"),
    ("promocode", "promo code"),
    ("discount coupon", "promo code"),
    ("voucher code", "promo code"),
    ("giftcard", "gift card"),
    ("gift-card", "gift card"),
    ("power-bank", "power bank"),
    ("powerbank", "power bank"),
    ("charging brick", "power adapter"),
    ("wall wart", "power adapter"),
    ("charger cable", "charging cable"),
    ("re-seller", "reseller"),
    ("retail partner", "reseller"),
    ("add on", "add-on"),
    ("addon", "add-on"),
    ("plugin module", "add-on"),
    ("master account", "primary account"),
    ("master password", "main password"),
    ("master bedroom", "primary bedroom"),
    ("whitelist", "allowlist"),
    ("blacklist", "blocklist"),
    ("sanity check", "quick check"),
    ("dummy value", "placeholder value"),
    ("end user", "customer"),
    ("end-user", "customer"),
    ("free trail", "free trial"),
    ("trial period", "free trial"),
    ("subscription plan", "plan"),
    ("premium tier", "Acme Plus"),
    ("pro plan", "Acme Plus"),
    ("cloud storage plan", "Acme Plus"),
    ("mobile app", "Acme app"),
    ("companion app", "Acme app"),
    ("smartphone app", "Acme app"),
    ("iphone app", "Acme app for iPhone"),
    ("android app", "Acme app for Android"),
    ("home screen widget", "widget"),
    ("push notification", "notification"),
    ("status led", "status light"),
    ("indicator light", "status light"),
    ("led light", "status light"),
    ("pairing mode", "setup mode"),
    ("discovery mode", "setup mode"),
    ("firmware upgrade", "firmware update"),
    ("software patch", "update"),
    ("hot fix", "fix"),
    ("hotfix", "fix"),
    ("bug fix", "fix"),
    ("quick-start guide", "quick start guide"),
    ("quickstart guide", "quick start guide"),
    ("user manual", "user guide"),
    ("owner's manual", "user guide"),
    ("instruction manual", "user guide"),
    ("warranty card", "warranty information"),
    ("proof-of-purchase", "receipt"),
    ("sales receipt", "receipt"),
    ("delivery charge", "shipping fee"),
    ("postage", "shipping"),
    ("courier", "carrier"),
    ("dispatch", "shipping"),
    ("wall plug", "outlet"),
    ("power socket", "outlet"),
    ("mains power", "outlet power"),
    ("battery pack", "battery"),
    ("li-ion battery", "lithium-ion battery"),
    ("carry-case", "carrying case"),
]

ADJECTIVES = [
    ("best-in-class", "leading"),
    ("world-class", "high-quality"),
    ("cutting-edge", "advanced"),
    ("state-of-the-art", "modern"),
    ("next-gen", "next-generation"),
    ("game-changing", "new"),
    ("revolutionary", "new"),
    ("groundbreaking", "new"),
    ("industry-leading", "leading"),
    ("mind-blowing", "impressive"),
    ("hassle-free", "easy"),
    ("user-friendly", "easy-to-use"),
    ("plug-and-play", "ready-to-use"),
    ("turnkey", "ready-to-use"),
    ("lightning-fast", "fast"),
    ("blazing-fast", "fast"),
    ("super fast", "very fast"),
    ("ultra-fast", "very fast"),
    ("military-grade", "strong"),
    ("bank-level", "strong"),
    ("unbeatable", "great"),
    ("jaw-dropping", "impressive"),
    ("best-ever", "best"),
    ("future-proof", "long-lasting"),
    ("eco friendly", "eco-friendly"),
    ("environmentally-friendly", "environmentally friendly"),
    ("high quality", "high-quality"),
    ("top notch", "excellent"),
    ("top-notch", "excellent"),
    ("real time", "real-time"),
    ("wire-free", "wireless"),
    ("cord-free", "cordless"),
    ("ultra-slim", "slim"),
    ("feature-packed", "full-featured"),
    ("crystal-clear", "clear"),
    ("pro-grade", "professional"),
]

ADVERBS = [
    ("seamlessly", "smoothly"),
    ("effortlessly", "easily"),
    ("automagically", "automatically"),
    ("super easily", "easily"),
    ("out-of-the-box", "right away"),
]

PHRASES = [  # (wrong, right, the sentence that carries it)
    ("in order to", "to", "Restart the hub {w} apply the update."),
    ("each and every", "every", "We test {w} unit before it ships."),
    ("free of charge", "free", "Standard shipping is {w} on orders over $35."),
    ("at this point in time", "now", "{W}, the app is available in 12 languages."),
    ("at the present time", "now", "{W}, we ship to the US and Canada."),
    ("due to the fact that", "because", "Setup may take longer {w} the hub downloads updates."),
    ("in the event that", "if", "{W} the light turns red, unplug the device."),
    ("prior to", "before", "Charge the battery fully {w} first use."),
    ("subsequent to", "after", "You will receive an email {w} shipping."),
    ("a large number of", "many", "The app supports {w} smart home brands."),
    ("the majority of", "most", "{W} orders arrive within three days."),
    ("with regard to", "about", "Questions {w} billing go to the billing team."),
    ("in regards to", "about", "Contact us {w} bulk orders."),
    ("for the purpose of", "to", "We collect usage data {w} improving the app."),
    ("has the ability to", "can", "The camera {w} record in the dark."),
    ("is able to", "can", "The hub {w} control up to 150 devices."),
    ("make use of", "use", "Routines {w} the sensors you already own."),
    ("in close proximity to", "near", "Place the sensor {w} the window."),
    ("completely free", "free", "The companion software is {w}."),
    ("very unique", "unique", "Each finish is {w}."),
    ("absolutely essential", "essential", "A stable connection is {w} during updates."),
    ("end result", "result", "The {w} is a quieter, cooler home."),
    ("advance planning", "planning", "Holiday orders need some {w}."),
    ("future plans", "plans", "We will share {w} for the app soon."),
    ("added bonus", "bonus", "As an {w}, the case doubles as a stand."),
    ("basic fundamentals", "basics", "Our guide covers the {w} of home networking."),
    ("in spite of the fact that", "although", "{W} it is small, the speaker fills a room."),
    ("on a daily basis", "daily", "The app backs up your settings {w}."),
    ("at no point", "never", "{W} do we sell your data."),
    ("first and foremost", "first", "{W}, make sure the device is charged."),
    ("please be advised", "note", "{W} that orders placed after 2 p.m. ship the next day."),
    ("kindly", "please", "{W} keep your receipt for warranty claims."),
    ("rest assured", "don't worry", "{W}, your data stays on your device."),
    ("as per", "according to", "Returns are handled {w} our return policy."),
    ("going forward", "from now on", "{W}, updates install overnight."),
    ("reach out to", "contact", "{W} our team for volume pricing."),
    ("touch base", "check in", "Our installer will {w} the day before your visit."),
    ("circle back", "follow up", "We will {w} once your replacement ships."),
    ("game changer", "big improvement", "The new battery is a {w}."),
    ("paradigm shift", "big change", "Matter support is a {w} for smart homes."),
    ("low-hanging fruit", "easy wins", "Turning off unused lights is the {w}."),
    ("deep dive", "close look", "Our blog takes a {w} into battery care."),
    ("out of stock", "sold out", "The sand color is {w} online."),
    ("back-order", "backorder", "Items on {w} ship in the order they were placed."),
    ("brick and mortar", "physical", "Find the {product} in {w} stores near you."),
]

RETIRED_PREFIXES = [
    "Zen",
    "Vor",
    "Kal",
    "Lum",
    "Tor",
    "Qua",
    "Bri",
    "Mek",
    "Sol",
    "Nyx",
    "Ara",
    "Dex",
    "Fen",
    "Gal",
    "Ix",
]
RETIRED_SUFFIXES = ["tra", "ix", "ora", "eon", "ara", "yx", "ano"]


@dataclass(frozen=True)
class Term:
    """One swap pair and how the corpus carries it (`category` picks the carrier sentence)."""

    wrong: str
    right: str
    category: str
    sentence: str | None = None


def build_terms(seed: int, count: int = TERM_COUNT) -> list[Term]:
    """Exactly `count` distinct swap pairs, mixed from every bank, in a fixed order.

    Keys are unique case-insensitively (the rule matches case-insensitively), and retired
    product code names fill whatever the hand-written banks leave, as they do in real packs.
    """
    terms: list[Term] = []
    for wrong, right, inflections in VERBS_VI:
        terms.append(Term(wrong, right, "vi"))
        for category, form in inflections.items():
            terms.append(Term(form, "", category))  # carried only; not a key of its own
    terms += [Term(w, r, "vt") for w, r in VERBS_VT]
    terms += [Term(w, r, "vt-thing") for w, r in UK_US_VT]
    terms += [Term(w, r, "noun") for w, r in UK_US_NOUN]
    for a, b in CLOSED_COMPOUNDS:
        terms.append(Term(f"{a} {b}", a + b, "noun"))
        terms.append(Term(f"{a}-{b}", a + b, "noun"))
    terms += [Term(w, r, "noun") for w, r in NOUNS]
    terms += [Term(w, r, "adj") for w, r in ADJECTIVES]
    terms += [Term(w, r, "adv") for w, r in ADVERBS]
    terms += [Term(w, r, "phrase", s) for w, r, s in PHRASES]
    for (name, _kind), compact in zip(PRODUCTS, _compact_names(), strict=True):
        terms.append(Term(compact, name, "name"))
        terms.append(Term(name.replace(" ", "-"), name, "name"))
    rng = Random(f"{seed}:terms")
    retired = [p + s for p in RETIRED_PREFIXES for s in RETIRED_SUFFIXES]
    rng.shuffle(retired)
    for code in retired:
        name, _kind = rng.choice(PRODUCTS)
        terms.append(Term(f"{code} {name.split()[-1]}", name, "name"))
    keys: list[Term] = []
    seen: set[str] = set()
    for t in terms:
        folded = t.wrong.casefold()
        if not t.right or folded in seen or folded == t.right.casefold():
            continue
        seen.add(folded)
        keys.append(t)
    if len(keys) < count:
        raise SystemExit(f"only {len(keys)} distinct terms in the banks; {count} needed")
    chosen = keys[:count]
    kept = {t.wrong for t in chosen}
    carried_only = [t for t in terms if not t.right and _base_of(t.wrong) in kept]
    return chosen + carried_only


def _compact_names() -> list[str]:
    """`Nimbus Router` -> `NimbusRouter`: the run-together spelling partners often use."""
    return [name.replace(" ", "") for name, _kind in PRODUCTS]


def _base_of(form: str) -> str:
    """The key an inflected carried form belongs to (`logged in` -> `log in`)."""
    for wrong, _right, inflections in VERBS_VI:
        if form in inflections.values():
            return wrong
    return form


def rules_yaml(terms: list[Term]) -> str:
    """The local rule pack: one terminology rule with every swap pair, quoted for YAML."""
    lines = [
        "# Generated by benchmarks/prose.py: 500 wrong -> right pairs for a timing run.",
        "pack: bench",
        "description: Benchmark terminology (generated).",
        "rules:",
        "  - id: bench.terms",
        "    kind: terminology",
        "    level: warning",
        "    lemma: true",
        "    swap:",
    ]
    for t in terms:
        if t.right:
            lines.append(f"      {json.dumps(t.wrong)}: {json.dumps(t.right)}")
    return "\n".join(lines) + "\n"


CONFIG_YAML = """\
# Generated by benchmarks/prose.py.
sources:
  - name: corpus
    role: docs
    paths: ["corpus/**/*.md"]
packs:
  - general
  - bench.yaml
fail_on: never
"""

# ------------------------------------------------------------------------------------------
# The corpus.
# ------------------------------------------------------------------------------------------

KINDS = [("products", 50), ("support", 25), ("blog", 10), ("releases", 10), ("compare", 5)]


@dataclass
class Planted:
    """What the generator put into prose on purpose, to sanity-check the findings count."""

    general: int = 0
    terms: int = 0
    term_keys: dict[str, int] = field(default_factory=dict)


#: A `{slot}` of a template; `{{price}}` (a planted template placeholder) is left alone.
_SLOT = re.compile(r"(?<!\{)\{(\w+)\}(?!\})")


class Writer:
    """Builds one Markdown file from the banks; `fill` keeps the slots of a template apart."""

    def __init__(self, rng: Random, product: tuple[str, str], index: int) -> None:
        self.rng = rng
        self.name, self.kind = product
        self.index = index
        self.sku = f"AC-{index:05d}"
        self.slug = self.name.lower().replace(" ", "-")

    def fill(self, template: str, **extra: str) -> str:
        """The template with fresh random slot values (so no two pages read alike)."""
        r = self.rng
        colors = r.sample(COLORS, 3)
        features = r.sample(FEATURES, 2)
        other = r.choice([p for p, _k in PRODUCTS if p != self.name])
        values = {
            "product": self.name,
            "product2": other,
            "kind": self.kind,
            "feature": features[0],
            "feature2": features[1],
            "audience": r.choice(AUDIENCES),
            "benefit": r.choice(BENEFITS),
            "color": colors[0],
            "color2": colors[1],
            "color3": colors[2],
            "thing": r.choice(THINGS),
            "pct": str(r.choice([10, 15, 20, 25, 30, 40])),
            "price": str(r.randint(19, 899)),
            "minutes": str(r.choice([5, 10, 15])),
            "hours": str(r.choice([2, 3, 24, 48, 72])),
            "days": str(r.choice([14, 30, 60])),
            "meters": str(r.choice([3, 5, 10])),
            "version": f"{r.randint(2, 7)}.{r.randint(0, 19)}",
            "sku": self.sku,
            "slug": self.slug,
        }
        values.update(extra)
        return _SLOT.sub(lambda m: values.get(m.group(1), m.group(0)), template)

    def sentences(self, bank: list[str], n: int) -> list[str]:
        """`n` different filled sentences from one bank: a paragraph's worth of prose."""
        return [self.fill(t) for t in self.rng.sample(bank, min(n, len(bank)))]


def _capitalize(text: str) -> str:
    """First letter up, the rest untouched (str.capitalize would lower `Acme`)."""
    return text[:1].upper() + text[1:]


def term_sentence(w: Writer, term: Term) -> str:
    """A natural sentence that uses the discouraged term once, in prose."""
    template = term.sentence or w.rng.choice(CARRIERS[term.category])
    text = w.fill(template, w=term.wrong, W=_capitalize(term.wrong))
    return _capitalize(text)


def build_file(w: Writer, kind: str, target: int, hits: list[str]) -> str:
    """One Markdown page of about `target` characters with `hits` sentences spread in prose."""
    rng, index = w.rng, w.index
    blocks: list[list[str] | str] = []  # a list is a paragraph (sentences) or bullets ("- ")
    title = {
        "products": f"Acme {w.name}",
        "support": f"Set up and troubleshoot your {w.name}",
        "blog": f"{rng.choice(['Five', 'Seven', 'Ten'])} ways to get more from your {w.name}",
        "releases": f"{w.name} release notes, version {rng.randint(2, 7)}.{rng.randint(0, 19)}",
        "compare": f"{w.name} or {rng.choice(PRODUCTS)[0]}: which should you buy?",
    }[kind]
    head = ""
    if rng.random() < 0.5:
        head = f"---\ntitle: {json.dumps(title)}\nsku: {w.sku}\nsection: {kind}\n---\n\n"
    head += f"# {title}\n\n"
    bank = {"support": SUPPORT, "releases": RELEASE}.get(kind, MARKETING)
    headings = list(HEADINGS[kind])
    rng.shuffle(headings)
    size = len(head)
    h = 0
    while size < target:
        heading = headings[h] if h < len(headings) else f"More about the {w.name}"
        h += 1
        blocks.append(f"## {heading}")
        roll = rng.random()
        if heading == "Specifications" or (kind == "compare" and roll < 0.4):
            blocks.append(_spec_table(w))
        elif heading == "What's in the box":
            blocks.append(["- " + x for x in rng.sample(IN_THE_BOX, 4)])
        elif roll < 0.3:
            blocks.append(["- " + _capitalize(s) for s in _bullets(w, bank)])
        else:
            blocks.append(w.sentences(bank, rng.randint(3, 6)))
        extra = rng.random()
        if extra < 0.12:
            blocks.append(w.fill(rng.choice(CODE_BLOCKS)))
        elif extra < 0.30:
            blocks.append([w.fill(rng.choice(INLINE_CODE)), *w.sentences(bank, 1)])
        elif extra < 0.55:
            blocks.append([*w.sentences(bank, rng.randint(1, 2)), w.fill(rng.choice(LINKS))])
        elif extra < 0.62:
            blocks.append(f"> **Note:** {w.fill(rng.choice(SUPPORT))}")
        elif extra < 0.67:
            blocks.append(f"![{w.name} in {rng.choice(COLORS)}](/img/{w.slug}-{index}.jpg)")
        else:
            blocks.append(w.sentences(bank, rng.randint(2, 5)))
        size = len(head) + sum(_block_len(b) for b in blocks)
    prose = [b for b in blocks if isinstance(b, list)]
    if hits and not prose:  # only tables and code so far: give the hits a paragraph
        prose = [w.sentences(bank, 2)]
        blocks.append(prose[0])
    for sentence in hits:
        block = rng.choice(prose)
        at = rng.randint(0, len(block))
        bullet = bool(block) and block[0].startswith("- ")
        block.insert(at, ("- " + sentence) if bullet else sentence)
    return head + "\n\n".join(_render(b) for b in blocks) + "\n"


def _bullets(w: Writer, bank: list[str]) -> list[str]:
    """Feature bullets ("**Feature**: sentence") half the time, plain sentence bullets else."""
    if w.rng.random() < 0.5:
        return [
            f"**{_capitalize(f)}**: {w.fill(w.rng.choice(bank))}"
            for f in w.rng.sample(FEATURES, w.rng.randint(3, 5))
        ]
    return w.sentences(bank, w.rng.randint(3, 5))


def _spec_table(w: Writer) -> str:
    """A GFM spec table: table cells are a segment kind of their own in msglint."""
    rows = ["| Specification | Value |", "| --- | --- |"]
    for label, value in w.rng.sample(SPECS, w.rng.randint(4, 7)):
        rows.append(f"| {label} | {value(w.rng)} |")
    return "\n".join(rows)


def _block_len(block: list[str] | str) -> int:
    """Rendered size of a block plus its blank line, to stop at the target size."""
    return len(_render(block)) + 2


def _render(block: list[str] | str) -> str:
    """Markdown of one block: raw text, a bullet list, or a one-line paragraph."""
    if isinstance(block, str):
        return block
    if block and block[0].startswith("- "):
        return "\n".join(x if x.startswith("- ") else "- " + x for x in block)
    return " ".join(block)


def _weights(n: int) -> list[float]:
    """Zipf-like weights: a few terms are everywhere, most are rare, as in real content."""
    return [1.0 / (rank + 1) ** 0.9 for rank in range(n)]


def generate_corpus(
    folder: Path, files: int, seed: int, terms: list[Term], plant: bool = True
) -> Planted:
    """Write `files` Markdown pages under `folder`; each file has its own seeded RNG."""
    planted = Planted()
    keys = [t for t in terms if t.right]
    carried = [t for t in terms if not t.right]
    order = list(range(len(keys)))
    Random(f"{seed}:popularity").shuffle(order)
    pool = [keys[i] for i in order] + carried
    weights = _weights(len(keys)) + [1.0] * len(carried)
    general = [s for s, _w in GENERAL_HITS]
    general_w = [float(wt) for _s, wt in GENERAL_HITS]
    kinds = [k for k, _w in KINDS]
    kinds_w = [float(wt) for _k, wt in KINDS]
    for i in range(files):
        rng = Random(f"{seed}:file:{i}")
        kind = rng.choices(kinds, kinds_w)[0]
        target = max(1200, min(4200, int(rng.gauss(2080, 450))))
        writer = Writer(rng, rng.choice(PRODUCTS), i)
        hits: list[str] = []
        if plant:
            for _ in range(rng.choice([0, 1, 1, 1, 2])):
                hits.append(writer.fill(rng.choices(general, general_w)[0]))
                planted.general += 1
            for _ in range(rng.choice([1, 1, 2, 2, 3])):
                term = rng.choices(pool, weights)[0]
                hits.append(term_sentence(writer, term))
                key = _base_of(term.wrong)
                planted.terms += 1
                planted.term_keys[key] = planted.term_keys.get(key, 0) + 1
        text = build_file(writer, kind, target, hits)
        path = folder / kind / f"{kind}-{i:05d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return planted


def corpus_digest(folder: Path) -> tuple[int, int, str]:
    """(files, bytes, sha256 prefix) of a corpus, so two runs can be shown to be identical."""
    digest = hashlib.sha256()
    count = total = 0
    for path in sorted(folder.rglob("*.md")):
        data = path.read_bytes()
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + data)
        count += 1
        total += len(data)
    return count, total, digest.hexdigest()[:16]


def config_yaml(vale_styles: list[Path] | None) -> str:
    """The benchmark config; with Vale styles, a `vale:` block naming their folders."""
    if not vale_styles:
        return CONFIG_YAML
    listed = "".join(f"    - {json.dumps(str(p))}\n" for p in vale_styles)
    return CONFIG_YAML + "vale:\n  styles:\n" + listed


def vale_style_folders(root: Path) -> list[Path]:
    """Microsoft, Google and write-good under `root` (each `<Name>/<Name>/` as shipped, or
    `<Name>/` directly)."""
    found = []
    for name in VALE_STYLES:
        for candidate in (root / name / name, root / name):
            if candidate.is_dir() and any(candidate.glob("*.yml")):
                found.append(candidate.resolve())
                break
        else:
            raise SystemExit(f"Vale style {name} not found under {root}")
    return found


def write_workdir(
    workdir: Path, files: int, seed: int, plant: bool, vale_styles: list[Path] | None = None
) -> Planted:
    """Fresh corpus, config and rules in `workdir`, plus a one-file copy in `startup/`."""
    workdir.mkdir(parents=True, exist_ok=True)
    for sub in ("corpus", "startup"):
        if (workdir / sub).exists():
            shutil.rmtree(workdir / sub)
    terms = build_terms(seed)
    planted = generate_corpus(workdir / "corpus", files, seed, terms, plant)
    rules = rules_yaml(terms)
    (workdir / "msglint.yaml").write_text(config_yaml(vale_styles), encoding="utf-8")
    (workdir / "bench.yaml").write_text(rules, encoding="utf-8")
    startup = workdir / "startup"
    first = min((workdir / "corpus").rglob("*.md"))
    target = startup / "corpus" / first.relative_to(workdir / "corpus")
    target.parent.mkdir(parents=True)
    shutil.copyfile(first, target)
    (startup / "msglint.yaml").write_text(config_yaml(vale_styles), encoding="utf-8")
    (startup / "bench.yaml").write_text(rules, encoding="utf-8")
    return planted


# ------------------------------------------------------------------------------------------
# Timing.
# ------------------------------------------------------------------------------------------


@dataclass
class ChildRun:
    """Wall time and peak memory of one child process."""

    seconds: float
    maxrss_kib: int
    returncode: int
    stderr: str


def run_child(cmd: list[str], cwd: Path) -> ChildRun:
    """Run `cmd` and time it; `os.wait4` gives this child's own peak RSS.

    `getrusage(RUSAGE_CHILDREN)` only keeps the largest child so far, so it cannot tell one
    run from the next; `wait4` reports the same `ru_maxrss` (KiB on Linux) per child.
    """
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        _pid, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    return ChildRun(seconds, usage.ru_maxrss, proc.returncode, text)


def check_cmd(report: Path) -> list[str]:
    """`msglint check` as the issue asks: JSON to a file, never failing on findings."""
    return [
        sys.executable,
        "-m",
        "msglint",
        "check",
        "--format",
        "json",
        "--output",
        str(report),
        "--fail-on",
        "never",
    ]


def help_cmd() -> list[str]:
    """The installed `msglint` script beside this interpreter (a pyenv shim would add its
    own start-up), else `python -m msglint`."""
    script = Path(sys.executable).parent / "msglint"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script), "--help"]
    return [sys.executable, "-m", "msglint", "--help"]


def timed_checks(cwd: Path, repeat: int, label: str) -> list[ChildRun]:
    """`repeat` runs of `msglint check` in `cwd`; stop with its stderr if one fails."""
    runs = []
    for n in range(repeat):
        run = run_child(check_cmd(cwd / "report.json"), cwd)
        if run.returncode != 0:
            sys.stderr.write(f"msglint check failed in {cwd} (exit {run.returncode}):\n")
            sys.stderr.write(run.stderr)
            raise SystemExit(1)
        print(
            f"  {label} run {n + 1}/{repeat}: {run.seconds:.2f} s, {run.maxrss_kib / 1024:.0f} MiB",
            file=sys.stderr,
        )
        runs.append(run)
    return runs


def findings_of(report: Path) -> tuple[int, dict[str, int]]:
    """`summary.findings` and `summary.by_rule` of a JSON report."""
    summary = json.loads(report.read_text(encoding="utf-8"))["summary"]
    return int(summary["findings"]), dict(summary.get("by_rule", {}))


@dataclass
class Figures:
    """The measured figures (medians over the timed runs)."""

    help_ms: float
    startup_s: float
    wall_s: float
    wall_runs_s: list[float]
    peak_rss_mib: float
    children_max_rss_mib: float
    findings: int
    by_rule: dict[str, int]


def measure(workdir: Path, repeat: int) -> Figures:
    """Every timing of the table: --help first, then start-up, then the full corpus.

    The full corpus runs last, so the RUSAGE_CHILDREN high-water mark read at the end is
    that of the biggest run, as a cross-check of the per-run figure.
    """
    helps = []
    for _ in range(5):
        run = run_child(help_cmd(), workdir)
        if run.returncode != 0:
            sys.stderr.write(f"msglint --help failed (exit {run.returncode}):\n{run.stderr}")
            raise SystemExit(1)
        helps.append(run.seconds)
    print(f"  --help: {', '.join(f'{s * 1000:.0f}' for s in helps)} ms", file=sys.stderr)
    startup = timed_checks(workdir / "startup", repeat, "1-file")
    full = timed_checks(workdir, repeat, "corpus")
    findings, by_rule = findings_of(workdir / "report.json")
    return Figures(
        help_ms=statistics.median(helps) * 1000,
        startup_s=statistics.median(r.seconds for r in startup),
        wall_s=statistics.median(r.seconds for r in full),
        wall_runs_s=[round(r.seconds, 3) for r in full],
        peak_rss_mib=statistics.median(r.maxrss_kib for r in full) / 1024,
        children_max_rss_mib=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        findings=findings,
        by_rule=by_rule,
    )


def table(rows: list[tuple[str, str, str]]) -> str:
    """Aligned label / value / note lines."""
    width = max(len(label) for label, _v, _n in rows)
    vwidth = max(len(v) for _label, v, _n in rows)
    return "\n".join(
        f"  {label:<{width}}  {value:>{vwidth}}  {note}".rstrip() for label, value, note in rows
    )


def report(
    files: int, size: int, digest: str, planted: Planted, fig: Figures, repeat: int
) -> tuple[str, dict[str, object]]:
    """The printed table and the same figures as a JSON-ready dict."""
    mb = size / 1e6
    steady = fig.wall_s - fig.startup_s
    steady_fps = (files - 1) / steady if steady > 0 else None
    planted_total = planted.general + planted.terms
    verdict = "OK" if fig.help_ms < HELP_LIMIT_MS else "OVER LIMIT"
    rows = [
        ("files", f"{files}", f"corpus digest {digest}"),
        ("MB", f"{mb:.2f}", f"{size / files / 1000:.2f} KB per file"),
        (
            "findings",
            f"{fig.findings}",
            f"planted {planted_total} ({planted.general} general, {planted.terms} bench.terms); "
            f"{len(planted.term_keys)}/{TERM_COUNT} term keys planted",
        ),
        ("wall time s", f"{fig.wall_s:.2f}", f"median of {repeat}: {fig.wall_runs_s}"),
        ("files/s", f"{files / fig.wall_s:.0f}", ""),
        ("MB/s", f"{mb / fig.wall_s:.3f}", ""),
        ("start-up s", f"{fig.startup_s:.2f}", "1-file corpus, same config"),
        ("steady files/s", f"{steady_fps:.0f}" if steady_fps else "n/a", "excluding start-up"),
        (
            "peak RSS MiB",
            f"{fig.peak_rss_mib:.0f}",
            f"median per run; max over all children {fig.children_max_rss_mib:.0f}",
        ),
        ("--help ms", f"{fig.help_ms:.0f}", f"median of 5; limit {HELP_LIMIT_MS:.0f}: {verdict}"),
    ]
    styles: dict[str, int] = {}
    for rule, count in fig.by_rule.items():
        style = rule.split(".", 1)[0]
        styles[style] = styles.get(style, 0) + count
    by_rule = ", ".join(f"{k} {v}" for k, v in fig.by_rule.items()) or "none"
    by_style = ", ".join(f"{k} {v}" for k, v in sorted(styles.items())) or "none"
    text = (
        f"msglint prose benchmark\n{table(rows)}\n  findings by style (rule id prefix): "
        f"{by_style}\n  findings by rule: {by_rule}"
    )
    data: dict[str, object] = {
        "files": files,
        "bytes": size,
        "mb": round(mb, 3),
        "corpus_digest": digest,
        "repeat": repeat,
        "planted_general": planted.general,
        "planted_terms": planted.terms,
        "term_keys_planted": len(planted.term_keys),
        "files_per_s": round(files / fig.wall_s, 1),
        "mb_per_s": round(mb / fig.wall_s, 4),
        "steady_files_per_s": round(steady_fps, 1) if steady_fps else None,
        **asdict(fig),
    }
    return text, data


def main(argv: list[str] | None = None) -> int:
    """Generate, time, print."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--files", type=int, default=2000, help="corpus files (default 2000)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs (default 3; median)")
    parser.add_argument(
        "--workdir",
        type=Path,
        default=DEFAULT_WORKDIR,
        help="work folder (default benchmarks/out/prose)",
    )
    parser.add_argument("--seed", type=int, default=20240601, help="corpus seed")
    parser.add_argument(
        "--json",
        action="store_true",
        help="also print the figures as JSON on stdout (the table goes to stderr)",
    )
    parser.add_argument(
        "--no-hits",
        action="store_true",
        help="plant no problems: every finding is then a false positive",
    )
    parser.add_argument(
        "--vale",
        action="store_true",
        help="also load the Microsoft, Google and write-good Vale styles",
    )
    parser.add_argument(
        "--vale-styles",
        type=Path,
        default=None,
        help=f"folder holding those styles (implies --vale; default {DEFAULT_VALE_STYLES})",
    )
    parser.add_argument(
        "--vale-bin",
        type=Path,
        default=None,
        help="a Vale binary: time it and msglint side by side on the same corpus, with the "
        "three styles and with Vale's built-in style only (implies --vale)",
    )
    parser.add_argument(
        "--vale-only",
        action="store_true",
        help="with --vale-bin: only the side-by-side runs, not msglint's own figures",
    )
    args = parser.parse_args(argv)
    if args.files < 2 or args.repeat < 1:
        parser.error("--files must be at least 2 and --repeat at least 1")
    if args.vale_bin is not None and not args.vale_bin.is_file():
        parser.error(f"--vale-bin: no such file: {args.vale_bin}")
    if args.vale_bin is not None:
        args.vale = True
    workdir: Path = args.workdir.resolve()

    print(f"generating {args.files} files in {workdir} ...", file=sys.stderr)
    started = time.perf_counter()
    vale_styles = None
    if args.vale or args.vale_styles:
        vale_styles = vale_style_folders(args.vale_styles or DEFAULT_VALE_STYLES)
        print(f"  Vale styles: {', '.join(str(p) for p in vale_styles)}", file=sys.stderr)
    planted = write_workdir(
        workdir, args.files, args.seed, plant=not args.no_hits, vale_styles=vale_styles
    )
    files, size, digest = corpus_digest(workdir / "corpus")
    print(f"  done in {time.perf_counter() - started:.1f} s (digest {digest})", file=sys.stderr)
    out = sys.stderr if args.json else sys.stdout
    data: dict[str, object] = {}
    if not (args.vale_bin and args.vale_only):
        figures = measure(workdir, args.repeat)
        text, data = report(files, size, digest, planted, figures, args.repeat)
        print("\n" + text, file=out)
    if vale_styles and args.vale_bin is None:
        print("  (no --vale-bin given: msglint's figures alone, no Vale run to compare)", file=out)
    if args.vale_bin is not None and vale_styles:
        import vale_side

        sides = []
        for setup in vale_side.SETUPS:
            side = vale_side.run(workdir, vale_styles, args.vale_bin.resolve(), setup, args.repeat)
            sides.append(side)
            print("\n" + "\n".join(side.lines()), file=out)
            print("  alerts by rule (exact / wrong column / missed / extra / message):", file=out)
            print("    " + side.conformance.replace("\n", "\n    "), file=out)
        data["vale_side_by_side"] = [
            {
                "setup": s.setup,
                "files": s.files,
                "msglint_s": s.msglint_s,
                "vale_s": s.vale_s,
                "ratio": round(s.ratio, 2),
                "msglint_cpu_s": s.msglint_cpu,
                "vale_cpu_s": s.vale_cpu,
                "cpu_ratio": round(s.cpu_ratio, 2),
                "msglint_alerts": s.msglint_alerts,
                "vale_alerts": s.vale_alerts,
                "exact": s.exact,
                "missed": s.missed,
                "extra": s.extra,
                "wrong_column": s.wrong_column,
            }
            for s in sides
        ]
    if args.json:
        print(json.dumps(data, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
