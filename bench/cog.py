"""A plausible Code officiel géographique for when the real one has not been imported.

Real région and département codes and names (101 départements, 18 régions); the communes
themselves are invented by `bench.synthetic`. Centres are rough, for placing invented positions.
"""

# code: (name, zone, approximate centre (lat, lon), spread in degrees (lat, lon))
REGIONS: dict[str, tuple[str, str, tuple[float, float], tuple[float, float]]] = {
    "01": ("Guadeloupe", "drom", (16.2, -61.55), (0.15, 0.2)),
    "02": ("Martinique", "drom", (14.65, -61.0), (0.12, 0.08)),
    "03": ("Guyane", "drom", (4.0, -53.0), (1.0, 0.8)),
    "04": ("La Réunion", "drom", (-21.12, 55.5), (0.12, 0.15)),
    "06": ("Mayotte", "drom", (-12.8, 45.15), (0.08, 0.05)),
    "11": ("Île-de-France", "metro", (48.75, 2.45), (0.35, 0.6)),
    "24": ("Centre-Val de Loire", "metro", (47.5, 1.7), (0.8, 0.9)),
    "27": ("Bourgogne-Franche-Comté", "metro", (47.2, 4.8), (0.8, 1.3)),
    "28": ("Normandie", "metro", (49.1, 0.2), (0.5, 1.2)),
    "32": ("Hauts-de-France", "metro", (49.9, 2.8), (0.6, 0.9)),
    "44": ("Grand Est", "metro", (48.7, 5.7), (0.9, 1.4)),
    "52": ("Pays de la Loire", "metro", (47.4, -0.8), (0.6, 0.9)),
    "53": ("Bretagne", "metro", (48.15, -2.9), (0.4, 1.3)),
    "75": ("Nouvelle-Aquitaine", "metro", (45.2, 0.2), (1.6, 1.1)),
    "76": ("Occitanie", "metro", (43.7, 2.2), (0.7, 1.8)),
    "84": ("Auvergne-Rhône-Alpes", "metro", (45.5, 4.6), (0.8, 1.4)),
    "93": ("Provence-Alpes-Côte d'Azur", "metro", (43.95, 6.1), (0.5, 1.0)),
    "94": ("Corse", "metro", (42.15, 9.1), (0.45, 0.2)),
}

DEPARTEMENTS_BY_REGION: dict[str, dict[str, str]] = {
    "01": {"971": "Guadeloupe"},
    "02": {"972": "Martinique"},
    "03": {"973": "Guyane"},
    "04": {"974": "La Réunion"},
    "06": {"976": "Mayotte"},
    "11": {
        "75": "Paris",
        "77": "Seine-et-Marne",
        "78": "Yvelines",
        "91": "Essonne",
        "92": "Hauts-de-Seine",
        "93": "Seine-Saint-Denis",
        "94": "Val-de-Marne",
        "95": "Val-d'Oise",
    },
    "24": {
        "18": "Cher",
        "28": "Eure-et-Loir",
        "36": "Indre",
        "37": "Indre-et-Loire",
        "41": "Loir-et-Cher",
        "45": "Loiret",
    },
    "27": {
        "21": "Côte-d'Or",
        "25": "Doubs",
        "39": "Jura",
        "58": "Nièvre",
        "70": "Haute-Saône",
        "71": "Saône-et-Loire",
        "89": "Yonne",
        "90": "Territoire de Belfort",
    },
    "28": {"14": "Calvados", "27": "Eure", "50": "Manche", "61": "Orne", "76": "Seine-Maritime"},
    "32": {"02": "Aisne", "59": "Nord", "60": "Oise", "62": "Pas-de-Calais", "80": "Somme"},
    "44": {
        "08": "Ardennes",
        "10": "Aube",
        "51": "Marne",
        "52": "Haute-Marne",
        "54": "Meurthe-et-Moselle",
        "55": "Meuse",
        "57": "Moselle",
        "67": "Bas-Rhin",
        "68": "Haut-Rhin",
        "88": "Vosges",
    },
    "52": {
        "44": "Loire-Atlantique",
        "49": "Maine-et-Loire",
        "53": "Mayenne",
        "72": "Sarthe",
        "85": "Vendée",
    },
    "53": {"22": "Côtes-d'Armor", "29": "Finistère", "35": "Ille-et-Vilaine", "56": "Morbihan"},
    "75": {
        "16": "Charente",
        "17": "Charente-Maritime",
        "19": "Corrèze",
        "23": "Creuse",
        "24": "Dordogne",
        "33": "Gironde",
        "40": "Landes",
        "47": "Lot-et-Garonne",
        "64": "Pyrénées-Atlantiques",
        "79": "Deux-Sèvres",
        "86": "Vienne",
        "87": "Haute-Vienne",
    },
    "76": {
        "09": "Ariège",
        "11": "Aude",
        "12": "Aveyron",
        "30": "Gard",
        "31": "Haute-Garonne",
        "32": "Gers",
        "34": "Hérault",
        "46": "Lot",
        "48": "Lozère",
        "65": "Hautes-Pyrénées",
        "66": "Pyrénées-Orientales",
        "81": "Tarn",
        "82": "Tarn-et-Garonne",
    },
    "84": {
        "01": "Ain",
        "03": "Allier",
        "07": "Ardèche",
        "15": "Cantal",
        "26": "Drôme",
        "38": "Isère",
        "42": "Loire",
        "43": "Haute-Loire",
        "63": "Puy-de-Dôme",
        "69": "Rhône",
        "73": "Savoie",
        "74": "Haute-Savoie",
    },
    "93": {
        "04": "Alpes-de-Haute-Provence",
        "05": "Hautes-Alpes",
        "06": "Alpes-Maritimes",
        "13": "Bouches-du-Rhône",
        "83": "Var",
        "84": "Vaucluse",
    },
    "94": {"2A": "Corse-du-Sud", "2B": "Haute-Corse"},
}

# Communes per overseas département in the real COG (their codes have two digits left).
OVERSEAS_COMMUNE_COUNTS = {"971": 32, "972": 34, "973": 22, "974": 24, "976": 17}

# Overseas areas by the first three characters of a commune code: centre and spread.
OVERSEAS_AREAS: dict[str, tuple[tuple[float, float], tuple[float, float]]] = {
    **{
        code: (REGIONS[region][2], REGIONS[region][3])
        for region, departements in DEPARTEMENTS_BY_REGION.items()
        for code in departements
        if REGIONS[region][1] == "drom"
    },
    "975": ((46.9, -56.3), (0.05, 0.05)),  # Saint-Pierre-et-Miquelon
    "977": ((17.9, -62.83), (0.02, 0.03)),  # Saint-Barthélemy
    "978": ((18.07, -63.05), (0.02, 0.04)),  # Saint-Martin
    "986": ((-13.3, -176.2), (0.05, 0.05)),  # Wallis-et-Futuna
    "987": ((-17.6, -149.4), (0.5, 0.8)),  # Polynésie française
    "988": ((-21.3, 165.5), (0.6, 0.9)),  # Nouvelle-Calédonie
}

# Metropolitan France (Corsica included): (south, north), (west, east).
METRO_LATITUDES = (42.33, 51.09)
METRO_LONGITUDES = (-4.79, 8.23)
