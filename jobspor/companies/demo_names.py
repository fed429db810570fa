"""Names of demo companies: correct Danish business names, each distinguishable from the others.

Every name comes from a template of its industry ("{surname} & Søn VVS ApS", "{town} Tømrer og Snedker A/S",
"Plejecenter {place}") filled with common Danish surnames and first names, the town of the company's postal
code and fitting place names — never a random Faker company or city, which gave odd combinations. No name is
used twice (case-insensitively); when the templates of an industry run out in a town, the town is added
("Plejecenter Lindehøj, Brædstrup") and at last a branch number.
"""

SURNAMES = [
    "Nielsen", "Jensen", "Hansen", "Andersen", "Pedersen", "Christensen", "Larsen", "Sørensen", "Rasmussen",
    "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Christiansen", "Poulsen", "Johansen",
    "Møller", "Mortensen", "Holm", "Lund", "Bach", "Dahl", "Kjær", "Vestergaard", "Lauridsen", "Frandsen",
    "Svendsen", "Iversen", "Bruun", "Krogh", "Skov", "Winther", "Eriksen", "Knudsen", "Jakobsen", "Mikkelsen",
    "Clausen", "Østergaard", "Nørgaard", "Bertelsen", "Damgaard", "Berg", "Toft", "Friis", "Laursen", "Juhl",
    "Gregersen", "Munk", "Schmidt", "Kofoed", "Brandt", "Søndergaard", "Overgaard", "Bisgaard",
]
FIRST_NAMES = [
    "Anders", "Bent", "Carsten", "Dorthe", "Erik", "Frank", "Gitte", "Hanne", "Henrik", "Jette", "Jens", "Karin",
    "Kim", "Lars", "Lone", "Mette", "Niels", "Ole", "Pia", "Poul", "Rikke", "Søren", "Tina", "Torben", "Ulla",
]
PLACES = [  # names of homes, schools and inns, as Danish institutions are often named
    "Lindehøj", "Egebakken", "Bøgely", "Skovbrynet", "Kildebakken", "Rosenhaven", "Solgården", "Ahornhaven",
    "Birkebo", "Enggården", "Fjordglimt", "Granly", "Højvang", "Møllebakken", "Nørrevang", "Østerled",
    "Søndervang", "Vesterled", "Åbakken", "Toftegården",
]
NURSERIES = ["Mælkebøtten", "Solsikken", "Regnbuen", "Troldebo", "Myretuen", "Spiren", "Bikuben", "Mariehønen",
             "Græshoppen", "Skovtrolden", "Humlebien", "Krudtuglen"]
SPOTS = ["Havnen", "Torvet", "Åen", "Pakhuset", "Møllen", "Stationen", "Bryggen", "Hjørnet", "Kroen", "Gården"]
MUNICIPAL_UNITS = ["Teknik og Miljø", "Borgerservice", "Vej og Park", "Materielgården", "Kultur og Fritid",
                   "Ejendomsservice", "Rengøringsservice", "Kantinen på Rådhuset"]

# DB07 code → templates. {surname}, {surname_s} (genitive), {first}, {town}, {town}, {place}, {nursery},
# {spot}, {unit}.
TEMPLATES = {
    "471100": ["Købmand {surname}", "{town} Dagligvarer", "{surname_s} Købmandshandel", "Minimarked {spot}"],
    "477100": ["{surname_s} Tøjhus", "Tøjhuset {spot}", "{town} Mode ApS"],
    "452000": ["{surname_s} Autoværksted", "{town} Autoservice ApS", "{surname} & Søn Auto ApS", "Bilcenter {town}"],
    "412000": ["{surname} & Søn Byg ApS", "{town} Tømrer og Snedker A/S", "{surname_s} Byggefirma",
               "Tømrerfirmaet {first} {surname}"],
    "432200": ["{surname} & Søn VVS ApS", "{town} VVS og Blik", "{surname_s} VVS", "VVS-firmaet {surname} ApS"],
    "433400": ["Malerfirmaet {surname}", "{surname_s} Malerforretning", "{town} Malerservice ApS"],
    "521000": ["{town} Lager og Logistik A/S", "{surname} Distribution ApS", "Lagerhotellet {town}"],
    "494100": ["Vognmand {first} {surname}", "{surname_s} Transport ApS", "{town} Fragt og Transport"],
    "812100": ["{surname_s} Rengøring", "{town} Rengøringsservice ApS", "Rent og Pænt {town}"],
    "561010": ["Restaurant {spot}", "Café {spot}", "{surname_s} Pizzeria", "{town} Grill og Burger"],
    "813000": ["Anlægsgartner {first} {surname}", "{town} Have og Park ApS", "{surname_s} Anlæg"],
    "011900": ["{surname_s} Gartneri", "{town} Planteskole", "Gartneriet {place}"],
    "871000": ["Plejecenter {place}", "Plejehjemmet {place}"],
    "881000": ["Hjemmeplejen {town}", "Aktivitetscentret {place}"],
    "889100": ["Børnehaven {nursery}", "Vuggestuen {nursery}", "Dagtilbud {town}"],
    "841100": ["Horsens Kommune, {unit}"],
    "852000": ["{place} Skole", "{town} Skole", "Skolen ved {place}"],
    "821100": ["{surname_s} Kontorservice", "{town} Regnskab og Administration ApS",
               "Revisionsfirmaet {surname} & Co."],
    "251100": ["{town} Stål og Metal A/S", "{surname_s} Maskinfabrik A/S", "{surname} Metal ApS"],
    "101300": ["{town} Slagteri og Pølsemageri", "Slagter {surname}", "{surname_s} Fødevarer A/S"],
    "310900": ["{surname_s} Møbelsnedkeri", "{town} Møbelfabrik A/S"],
    "960210": ["Frisør {first}", "Salon {first}", "{town} Frisørsalon"],
    "931300": ["{town} Fitness", "Motionscentret {place}"],
    "551000": ["Hotel {town}", "{town} Kro", "{place} Kro"],
}


def genitive(name: str) -> str:
    """Danish genitive: Hansen → Hansens, Friis → Friis'."""
    return name + ("'" if name[-1] in "sxzSXZ" else "s")


class CompanyNames:
    """Draws unique names; `rng` is the demo's random.Random, so the same seed gives the same names."""

    def __init__(self, rng, taken=()):
        self.rng = rng
        self.used = {name.casefold() for name in taken}

    def _fill(self, template: str, town: str) -> str:
        rng = self.rng
        surname = rng.choice(SURNAMES)
        return template.format(surname=surname, surname_s=genitive(surname), first=rng.choice(FIRST_NAMES),
                               town=town, place=rng.choice(PLACES),
                               nursery=rng.choice(NURSERIES), spot=rng.choice(SPOTS), unit=rng.choice(MUNICIPAL_UNITS))

    def _take(self, name: str) -> bool:
        if name.casefold() in self.used:
            return False
        self.used.add(name.casefold())
        return True

    def __call__(self, industry: str, town: str) -> str:
        templates = TEMPLATES.get(industry) or ["{surname_s} Virksomhed ApS"]
        for _ in range(25):
            name = self._fill(self.rng.choice(templates), town)
            if self._take(name):
                return name
        for _ in range(25):
            name = f"{self._fill(self.rng.choice(templates), town)}, {town}"
            if town not in name.rsplit(",", 1)[0] and self._take(name):
                return name
        base = self._fill(templates[0], town)
        branch = 2
        while not self._take(f"{base}, afdeling {branch}"):
            branch += 1
        return f"{base}, afdeling {branch}"
