"""Word lists for the demo book: German-sounding people, companies, places and notes.

Demo content is German by design (the users are German-speaking reps), so none of it goes through
``_()``. The lists are plain tuples so the generator can draw from them with one seeded ``Random``.
Every entry is invented; none is taken from a real customer file.
"""

from __future__ import annotations

from decimal import Decimal

FIRST_NAMES: tuple[str, ...] = (
    # born in the fifties to seventies
    "Thomas", "Michael", "Andreas", "Stefan", "Frank", "Jürgen", "Jörg", "Uwe", "Klaus", "Peter",
    "Wolfgang", "Rainer", "Bernd", "Dieter", "Günter", "Hans-Peter", "Karl-Heinz", "Ralf",
    "Sabine", "Petra", "Claudia", "Andrea", "Susanne", "Birgit", "Monika", "Ute", "Gabriele",
    "Heike", "Kerstin", "Doris", "Bärbel", "Renate", "Angelika", "Martina",
    # born in the seventies to nineties
    "Christian", "Markus", "Matthias", "Tobias", "Sebastian", "Daniel", "Björn", "Sören", "Jens",
    "Nicole", "Stefanie", "Katrin", "Anja", "Sandra", "Daniela", "Nadine", "Silke", "Tanja",
    "Jan", "Lukas", "Florian", "Felix", "Maximilian", "Niklas", "Jonas", "Moritz", "Tim",
    "Julia", "Anna", "Lena", "Sarah", "Laura", "Lisa", "Katharina", "Franziska", "Jana", "Miriam",
    # families that came later, and neighbours
    "Mehmet", "Ayşe", "Elif", "Can", "Emre", "Dimitrios", "Eleni", "Katarzyna", "Piotr", "Ivana",
    "Luca", "Sofia", "Marco", "Chiara", "Reto", "Urs", "Beat", "Vreni", "Leonie", "Theresa",
)  # fmt: skip

LAST_NAMES: tuple[str, ...] = (
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
    "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann",
    "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt",
    "Werner", "Schmitz", "Krause", "Meier", "Lehmann", "Schmid", "Schulze", "Maier", "Köhler",
    "Herrmann", "König", "Walter", "Mayer", "Huber", "Kaiser", "Fuchs", "Peters", "Lang",
    "Scholz", "Möller", "Weiß", "Jung", "Hahn", "Schubert", "Vogel", "Friedrich", "Keller",
    "Günther", "Frank", "Berger", "Winkler", "Roth", "Beck", "Lorenz", "Baumann", "Franke",
    "Albrecht", "Schuster", "Simon", "Ludwig", "Böhm", "Winter", "Kraus", "Martin", "Schumacher",
    "Krämer", "Vogt", "Stein", "Jäger", "Otto", "Sommer", "Groß", "Seidel", "Heinrich", "Brandt",
    "Haas", "Schreiber", "Graf", "Schulte", "Dietrich", "Ziegler", "Kuhn", "Kühn", "Pohl",
    "Engel", "Horn", "Busch", "Bergmann", "Voigt", "Sauer", "Arnold", "Wolff", "Pfeiffer",
    "Gruber", "Steiner", "Brunner", "Moser", "Hofer", "Baumgartner", "Egli", "Meili", "Oberholzer",
    "Yılmaz", "Kaya", "Demir", "Öztürk", "Nowak", "Kowalski", "Papadopoulos", "Rossi", "Petrović",
)  # fmt: skip

# Industries as they appear in a company name; the first ones are the classic B2B customers.
INDUSTRIES: tuple[str, ...] = (
    "Maschinenbau", "Logistik", "Druckerei", "Metallbau", "Elektrotechnik", "Kunststofftechnik",
    "Gebäudetechnik", "Medizintechnik", "Spedition", "Holzbau", "Verpackungen", "Feinmechanik",
    "Hydraulik", "Anlagenbau", "Werkzeugbau", "Galvanik", "Laborbedarf", "Baustoffe",
    "Landtechnik", "Textilwerke", "Lebensmittel", "Antriebstechnik", "Messtechnik", "Stahlhandel",
    "Sanitärtechnik", "Möbelwerkstätten", "Fördertechnik", "Oberflächentechnik", "Präzisionsteile",
    "Industrieservice", "Energietechnik", "Automation", "Lackiererei", "Gießerei", "Brauerei",
)  # fmt: skip

# Adjectives of places for names like "Fränkische Druckerei GmbH".
PLACE_ADJECTIVES: tuple[str, ...] = (
    "Fränkische", "Schwäbische", "Bergische", "Rheinische", "Hanseatische", "Sächsische",
    "Westfälische", "Badische", "Märkische", "Oberpfälzer", "Allgäuer", "Münsterländer",
    "Norddeutsche", "Süddeutsche", "Mitteldeutsche", "Thüringer", "Pfälzer", "Hessische",
    "Lausitzer", "Bodensee", "Emsländer", "Sauerländer", "Erzgebirgische", "Holsteiner",
)  # fmt: skip

LEGAL_FORMS: tuple[tuple[str, int], ...] = (
    # (form, weight): GmbH dominates, then GmbH & Co. KG, then the rest.
    ("GmbH", 46),
    ("GmbH & Co. KG", 20),
    ("KG", 10),
    ("AG", 8),
    ("e.K.", 10),
    ("OHG", 3),
    ("UG (haftungsbeschränkt)", 3),
)

# Trades that are usually sole proprietors ("e.K.") or partnerships, with their own name pattern.
SMALL_TRADES: tuple[str, ...] = (
    "Elektro", "Autohaus", "Sanitär", "Bäckerei", "Gartenbau", "Schreinerei", "Malerbetrieb",
    "Dachdeckerei", "Optik", "Blumen",
)  # fmt: skip

PROFESSIONAL_FIRMS: tuple[str, ...] = (
    "Steuerberatung {last} & Partner",
    "Steuerkanzlei {last}",
    "Ingenieurbüro {last}",
    "Rechtsanwälte {last} & {last2}",
    "Architekturbüro {last}",
    "Wirtschaftsprüfung {last} {legal}",
)

# Region codes with a weight (roughly by the number of firms) and their phone area codes.
# AT and CH use their own codes (ISO 3166-2: AT-9 Wien, CH-ZH Zürich).
REGIONS: tuple[tuple[str, int, tuple[str, ...]], ...] = (
    ("DE-NW", 200, ("221", "211", "231", "201", "521", "241", "228")),
    ("DE-BY", 160, ("89", "911", "821", "941", "931", "851")),
    ("DE-BW", 130, ("711", "721", "621", "761", "731", "7131")),
    ("DE-NI", 90, ("511", "531", "541", "441", "5121")),
    ("DE-HE", 75, ("69", "561", "611", "6151", "641")),
    ("DE-SN", 45, ("351", "341", "371", "3591")),
    ("DE-RP", 45, ("6131", "261", "631", "651")),
    ("DE-BE", 40, ("30",)),
    ("DE-HH", 30, ("40",)),
    ("DE-SH", 28, ("431", "451", "461")),
    ("DE-BB", 25, ("331", "355", "335")),
    ("DE-TH", 22, ("361", "3641", "365")),
    ("DE-ST", 22, ("391", "345")),
    ("DE-MV", 16, ("381", "385", "3834")),
    ("DE-SL", 10, ("681", "6821")),
    ("DE-HB", 8, ("421", "471")),
    ("AT-9", 14, ("1",)),
    ("AT-4", 6, ("732",)),
    ("AT-6", 5, ("316",)),
    ("CH-ZH", 12, ("44", "52")),
    ("CH-BE", 5, ("31",)),
    ("CH-BS", 4, ("61",)),
)

MOBILE_PREFIXES: tuple[str, ...] = ("151", "152", "160", "170", "171", "172", "175", "176", "179")

TAGS: tuple[str, ...] = (
    "Rahmenvertrag", "Key Account", "Newsletter", "Wartungsvertrag", "Referenzkunde",
    "Familienunternehmen", "Export", "Messe", "Pilotkunde", "Schulung", "Ersatzteile",
    "Weinliebhaber", "kein Alkohol", "vegetarisch", "Golf", "Segeln", "Fußball", "Radfahren",
    "Sammelrechnung", "Einkauf entscheidet",
)  # fmt: skip

CUSTOMER_NOTES: tuple[str, ...] = (
    "Bevorzugt Anrufe vormittags, nachmittags meist in der Fertigung.",
    "Kein Alkohol als Geschenk – lieber Kaffee oder Tee.",
    "Sekretariat sehr hilfsbereit, dort zuerst anrufen.",
    "Entscheidet gemeinsam mit dem Einkauf; Termine immer zu zweit.",
    "Spricht gern über Segeln am Bodensee.",
    "Tochter studiert in Leipzig, fragt gern nach Tipps für die Stadt.",
    "Liest Fachartikel aufmerksam, gern etwas zur Energieeffizienz schicken.",
    "Mag keine Werbegeschenke mit Logo.",
    "Feiert jedes Jahr im Juni ein Sommerfest für Kunden und Lieferanten.",
    "Hat den Betrieb vom Vater übernommen; Firmengeschichte ist ihm wichtig.",
    "Möchte Angebote nur schriftlich, nicht am Telefon.",
    "Radelt zur Arbeit, freut sich über Hinweise auf Touren in der Region.",
    "Legt Wert auf pünktliche Rückrufe.",
    "Früher bei einem Wettbewerber, kennt die Branche sehr gut.",
    "Kinder im Grundschulalter, Urlaub meist in den Sommerferien.",
    "Duzt sich mit dem Team seit dem Messeabend.",
)

# Notes with characters a terminal UI might take for markup or variables: they must show verbatim.
LITERAL_NOTES: tuple[str, ...] = (
    "Projekt [bold]Nordstern[/bold] so im Betreff schreiben, das filtert ihr Postfach.",
    "US-Mutterkonzern rechnet in $ ab, Preise daher in USD angeben.",
    "Kostenstelle $KST-4711 auf jeder Rechnung angeben.",
    "Artikelnummern im Format [A-123] und [B-7], so steht es in ihrem ERP.",
    "Budget für Ersatzteile ca. 12.000 $ pro Jahr [laut Einkauf].",
)

CARE_NOTES: tuple[str, ...] = (
    "Kurz gemeldet, wie es läuft",
    "Nach dem Urlaub erkundigt",
    "Fachartikel zur Energieeffizienz geschickt",
    "Auf der Messe getroffen, nettes Gespräch",
    "Für die gute Zusammenarbeit bedankt",
    "Einladung zum Sommerfest angenommen",
    "Glückwunsch zur neuen Halle",
    "Buchtipp geschickt, über den wir sprachen",
    "Fotos vom Werksbesuch geschickt",
    "Nach dem neuen Kollegen im Einkauf gefragt",
    "Gute Besserung gewünscht",
    "Kaffee nach dem Termin, privat geplaudert",
    "Hinweis auf Förderprogramm weitergegeben",
    "Zum Jubiläum gratuliert",
)

SERVICE_NOTES: tuple[str, ...] = (
    "Lieferung nachverfolgt",
    "Reklamation geklärt, Ersatz unterwegs",
    "Rechnung korrigiert",
    "Ersatzteil bestellt",
    "Schulungstermin abgestimmt",
    "Wartung besprochen",
    "Frage zur Montage beantwortet",
    "Zugang zum Kundenportal eingerichtet",
    "Lieferzeiten für das Frühjahr abgestimmt",
    "Technische Unterlagen geschickt",
    "Inbetriebnahme begleitet",
    "Mengenabweichung geklärt",
)

SALES_NOTES: tuple[str, ...] = (
    "Angebot besprochen",
    "Nachgefasst zum Angebot",
    "Preisanpassung angekündigt",
    "Neue Produktlinie vorgestellt",
    "Jahresgespräch Konditionen",
    "Rahmenvertrag verhandelt",
    "Wartungspaket angeboten",
    "Muster für Testreihe angeboten",
    "Bedarf fürs nächste Quartal abgefragt",
    "Jahresendaktion vorgestellt",
)

WON_NOTES: tuple[str, ...] = (
    "Auftrag erteilt",
    "Zuschlag erhalten",
    "Rahmenvertrag unterschrieben",
    "Folgeauftrag bestätigt",
    "Bestellung nach Angebot eingegangen",
)

FOLLOW_UP_NOTES: tuple[str, ...] = (
    "Für den Auftrag bedankt",
    "Nachgefragt, ob die Lieferung gut angekommen ist",
    "Zufriedenheit nach dem ersten Monat abgefragt",
    "Nutzen nach drei Monaten gemeinsam angeschaut",
)

BIRTHDAY_NOTES: tuple[str, ...] = (
    "Zum Geburtstag gratuliert",
    "Geburtstagskarte geschickt",
    "Kurze Nachricht zum Geburtstag",
)

CHRISTMAS_CARD_NOTES: tuple[str, ...] = (
    "Weihnachtskarte",
    "Weihnachtskarte mit persönlichen Zeilen",
    "Weihnachtsgrüße per Karte",
)

GIFT_NOTES: tuple[str, ...] = (
    "Weihnachtspräsent: Präsentkorb",
    "Weihnachtspräsent: zwei Flaschen Wein",
    "Weihnachtspräsent: Pralinen",
    "Weihnachtspräsent: Feinkost aus der Region",
    "Weihnachtspräsent: Kalender und Stollen",
    "Weihnachtspräsent: Whisky",
)

SMALL_GIFT_NOTES: tuple[str, ...] = (
    "Kleines Dankeschön: Kaffee aus der Rösterei",
    "Buch zum Hobby mitgebracht",
    "Blumen zum Firmenjubiläum",
)

# Net values of December gifts: most stay under the 50 EUR limit, a good share does not.
CHRISTMAS_GIFT_EUR: tuple[tuple[Decimal, int], ...] = (
    (Decimal("19.90"), 6),
    (Decimal("24.50"), 8),
    (Decimal("29.90"), 10),
    (Decimal("35.00"), 8),
    (Decimal("39.90"), 10),
    (Decimal("45.00"), 6),
    (Decimal("49.90"), 8),
    (Decimal("59.00"), 7),
    (Decimal("69.90"), 6),
    (Decimal("79.00"), 5),
    (Decimal("95.00"), 3),
    (Decimal("120.00"), 2),
    (Decimal("149.00"), 1),
)

SMALL_GIFT_EUR: tuple[Decimal, ...] = (Decimal("8.50"), Decimal("12.90"), Decimal("18.00"))

MANUAL_GESTURE_NOTES: tuple[str, ...] = (
    "Muster der neuen Verpackung vorbeibringen",
    "Zum Richtfest der neuen Halle gratulieren",
    "Fachartikel zur Energieeffizienz schicken",
    "Rückruf wegen Messeeinladung",
    "Buchtipp schicken, über den wir sprachen",
    "Fotos vom Betriebsausflug schicken",
    "Nach der Knie-OP erkundigen",
)

SNOOZE_NOTES: tuple[str, ...] = (
    "Im Urlaub, danach melden",
    "Erst nach der Inventur anrufen",
    "Bittet um Rückruf nächste Woche",
)

# The team when no logins are given: the first owns the biggest share, the second only sells.
DEFAULT_REPS: tuple[str, ...] = ("mmeier", "akaya", "jschulz", "lwagner")
