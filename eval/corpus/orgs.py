"""Employers and schools. Employers are fictional; universities are real institutions (their
names are what a parser must cope with). Legal suffixes differ by country, and a resume shows
one only some of the time, so the truth company is the name exactly as written."""

from __future__ import annotations

import random
from dataclasses import dataclass

_PREFIXES = (
    "Blue Harbor",
    "Silver Fern",
    "Red Kite",
    "Northstar",
    "Brightwave",
    "Greenfield",
    "Ironbridge",
    "Clearwater",
    "Highland",
    "Oakridge",
    "Sunrise",
    "Polar",
    "Cobalt",
    "Granite",
    "Meridian",
    "Atlas",
    "Vertex",
    "Lumen",
    "Helix",
    "Orbit",
    "Summit",
    "Pioneer",
    "Keystone",
    "Evergreen",
    "Riverstone",
    "Bluebird",
    "Falcon",
    "Harbour",
    "Larkspur",
    "Kestrel",
)
_NOUNS = (
    "Systems",
    "Analytics",
    "Labs",
    "Technologies",
    "Software",
    "Health",
    "Energy",
    "Bank",
    "Assurance",
    "Retail",
    "Media",
    "Consulting",
    "Partners",
    "Foods",
    "Mobility",
    "Payments",
    "Capital",
    "Pharma",
    "Telecom",
    "Studios",
    "Group",
    "Industries",
    "Ventures",
    "Works",
)
# (name, country) for employers with a national flavour; country "" means anywhere.
_NAMED: tuple[tuple[str, str], ...] = (
    ("Northwind Traders", ""),
    ("Contoso", ""),
    ("Fabrikam", ""),
    ("Litware", ""),
    ("Tailspin Toys", ""),
    ("Wide World Importers", ""),
    ("Adventure Works", ""),
    ("Woodgrove Bank", ""),
    ("Proseware", ""),
    ("Alpine Ski House", ""),
    ("Blue Yonder Airlines", ""),
    ("Coho Winery", ""),
    ("Fourth Coffee", ""),
    ("Lamna Healthcare", ""),
    ("Trey Labs", ""),
    ("Wingtip Toys", ""),
    ("Humongous Assurance", ""),
    ("Relecloud", ""),
    ("VanArsdel", ""),
    ("Lucerne Publishing", ""),
    ("Margie's Travel", ""),
    ("Southridge Video", ""),
    ("Thames Valley Water", "GB"),
    ("Pennine Rail", "GB"),
    ("Albion Mutual", "GB"),
    ("Hudson & Pike", "US"),
    ("Lone Star Grid", "US"),
    ("Cascade Outfitters", "US"),
    ("Nordlicht Energie", "DE"),
    ("Bergmann & Söhne", "DE"),
    ("Rheinwerk Maschinenbau", "DE"),
    ("Bayerische Messtechnik", "DE"),
    ("Groupe Lumière", "FR"),
    ("Atelier Beaumont", "FR"),
    ("Crédit Valmont", "FR"),
    ("Société Occitane d'Électricité", "FR"),
    ("Iberia Soluciones", "ES"),
    ("Tecnologías Alhambra", "ES"),
    ("Construcciones Guadalquivir", "ES"),
    ("Hollandse Dijkbouw", "NL"),
    ("Zuidas Finance", "NL"),
    ("Grachten Media", "NL"),
    ("Verde Alimentos", "BR"),
    ("Banco Horizonte", "BR"),
    ("Companhia Paulista de Dados", "BR"),
    ("Sakura Denki", "JP"),
    ("Fuji Keisoku", "JP"),
    ("Tokai Shoji", "JP"),
    ("Kangaroo Analytics", "AU"),
    ("Southern Cross Mining", "AU"),
    ("Wattle Health", "AU"),
    ("Deccan Fintech", "IN"),
    ("Kaveri Infotech", "IN"),
    ("Ganga Textiles", "IN"),
)
LEGAL_SUFFIXES: dict[str, tuple[str, ...]] = {
    "GB": ("Ltd", "Ltd.", "Limited", "LLP"),
    "US": ("Inc.", "Inc", "LLC", "Corp.", "Corporation"),
    "DE": ("GmbH", "AG", "GmbH & Co. KG", "SE"),
    "FR": ("SA", "S.A.S.", "S.A.", "SARL"),
    "ES": ("S.L.", "S.A.", "SL"),
    "NL": ("B.V.", "BV", "N.V."),
    "BR": ("Ltda.", "S.A.", "Ltda"),
    "AU": ("Pty Ltd", "Pty. Ltd.", "Limited"),
    "IN": ("Pvt. Ltd.", "Private Limited", "Ltd."),
    "JP": ("K.K.", "Co., Ltd.", "Inc."),
}

# (name, country); country "" means the school takes people from anywhere.
UNIVERSITIES: tuple[tuple[str, str], ...] = (
    ("University of Manchester", "GB"),
    ("University of Edinburgh", "GB"),
    ("Imperial College London", "GB"),
    ("University of Bristol", "GB"),
    ("King's College London", "GB"),
    ("Massachusetts Institute of Technology", "US"),
    ("University of Texas at Austin", "US"),
    ("University of Washington", "US"),
    ("Georgia Institute of Technology", "US"),
    ("New York University", "US"),
    ("Technische Universität München", "DE"),
    ("Humboldt-Universität zu Berlin", "DE"),
    ("Universität Hamburg", "DE"),
    ("RWTH Aachen University", "DE"),
    ("Université Paris-Saclay", "FR"),
    ("Sorbonne Université", "FR"),
    ("École Polytechnique", "FR"),
    ("Université Toulouse III - Paul Sabatier", "FR"),
    ("Universidad Complutense de Madrid", "ES"),
    ("Universitat de Barcelona", "ES"),
    ("Universidad de Sevilla", "ES"),
    ("Universidad Politécnica de Madrid", "ES"),
    ("Delft University of Technology", "NL"),
    ("Universiteit van Amsterdam", "NL"),
    ("Eindhoven University of Technology", "NL"),
    ("Universidade de São Paulo", "BR"),
    ("Universidade Federal do Rio de Janeiro", "BR"),
    ("Universidade Federal de Minas Gerais", "BR"),
    ("University of Melbourne", "AU"),
    ("University of Sydney", "AU"),
    ("University of Queensland", "AU"),
    ("Indian Institute of Technology Bombay", "IN"),
    ("Anna University", "IN"),
    ("University of Delhi", "IN"),
    ("Indian Institute of Science", "IN"),
    ("University of Tokyo", "JP"),
    ("Kyoto University", "JP"),
    ("Osaka University", "JP"),
    ("Politecnico di Milano", ""),
    ("University of Warsaw", ""),
    ("Boğaziçi University", ""),
    ("National University of Singapore", ""),
    ("University of Lagos", ""),
    ("Tsinghua University", ""),
    ("Seoul National University", ""),
    ("Vietnam National University, Hanoi", ""),
    ("KTH Royal Institute of Technology", ""),
    ("American University of Beirut", ""),
)
SCHOOLS: tuple[tuple[str, str], ...] = (
    ("Lincoln High School", "US"),
    ("Westfield Academy", "GB"),
    ("Goethe-Gymnasium", "DE"),
    ("Lycée Victor Hugo", "FR"),
    ("IES Miguel de Cervantes", "ES"),
    ("Colégio Bandeirantes", "BR"),
    ("Delhi Public School", "IN"),
)


@dataclass(frozen=True, slots=True)
class Employer:
    name: str  # as written on this resume, legal suffix included if shown
    country: str


def employer(rng: random.Random, home: str) -> Employer:
    """An employer, most often in the person's country ``home``."""
    country = home if rng.random() < 0.8 else rng.choice(tuple(LEGAL_SUFFIXES))
    if rng.random() < 0.45:
        named = [name for name, where in _NAMED if where in {"", country}]
        base = rng.choice(named)
    else:
        base = f"{rng.choice(_PREFIXES)} {rng.choice(_NOUNS)}"
    if rng.random() < 0.45:
        suffix = rng.choice(LEGAL_SUFFIXES[country])
        separator = ", " if suffix.startswith("Inc") and rng.random() < 0.5 else " "
        base = f"{base}{separator}{suffix}"
    return Employer(base, country)


def university(rng: random.Random, home: str) -> tuple[str, str]:
    local = [entry for entry in UNIVERSITIES if entry[1] == home]
    pool = local if local and rng.random() < 0.75 else list(UNIVERSITIES)
    name, country = rng.choice(pool)
    return name, country or home


def school(rng: random.Random, home: str) -> tuple[str, str]:
    local = [entry for entry in SCHOOLS if entry[1] == home]
    return rng.choice(local or list(SCHOOLS))
