# ruff: noqa: RUF001 - Turkish names are spelled with the dotless i (U+0131) on purpose
"""People's names by culture, in Latin script (transliterated where the culture uses another),
with their accents; and the ASCII form that goes into email addresses and profile handles.

Names that are also skills (Julia, Ruby, Crystal, Pascal...) are left out on purpose: the truth
would list a skill the person does not have. ``family_first`` cultures write the family name
first (Vietnamese, Hungarian-style), as their resumes do.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Culture:
    key: str
    first: tuple[str, ...]
    last: tuple[str, ...]
    native_language: str
    family_first: bool = False


CULTURES: tuple[Culture, ...] = (
    Culture(
        "en",
        ("Amelia", "Oliver", "Charlotte", "Harry", "Emily", "George", "Sophie", "Thomas",
         "Grace", "William", "Hannah", "Siobhán", "Niamh", "Ciarán", "Megan", "Daniel"),
        ("Clarke", "Hughes", "O'Connor", "Walsh", "Bennett", "Fletcher", "Harrison", "Turner",
         "Whitaker", "Sullivan", "McAllister", "Thompson", "Reynolds", "Carter", "Ní Bhriain"),
        "English",
    ),
    Culture(
        "de",
        ("Jürgen", "Lena", "Maximilian", "Anneliese", "Lukas", "Jörg", "Katrin", "Felix",
         "Mareike", "Björn", "Sören", "Anke"),
        ("Müller", "Schröder", "Weiß", "Groß", "Köhler", "Bauer", "Fischer", "Hoffmann",
         "Schäfer", "Krüger", "Zimmermann", "Vogel", "Becker", "von Arnim"),
        "German",
    ),
    Culture(
        "fr",
        ("Chloé", "François", "Hélène", "Loïc", "Amélie", "Théo", "Élodie", "Jérôme", "Inès",
         "Benoît", "Margaux", "Raphaël", "Jean-Luc", "Anaïs"),
        ("Dubois", "Lefèvre", "Moreau", "Girard", "Rousseau", "Fontaine", "Chevalier",
         "Bérenger", "Lemaître", "Faure", "Mercier", "Gauthier", "de La Tour"),
        "French",
    ),
    Culture(
        "es",
        ("José", "María", "Alejandro", "Lucía", "Javier", "Núria", "Andrés", "Begoña", "Sergio",
         "Álvaro", "Pilar", "Íñigo", "Marta"),
        ("Álvarez", "García", "Fernández", "Martínez", "Núñez", "Ibáñez", "Domínguez", "Ruiz",
         "Peña", "Castaño", "Serrano", "Ortega", "Álvarez Núñez", "García-Lorca"),
        "Spanish",
    ),
    Culture(
        "pt",
        ("João", "Luísa", "Tiago", "Mariana", "Rafael", "Letícia", "Gonçalo", "Camila",
         "Vinícius", "Thaís", "Conceição"),
        ("Silva", "Santos", "Oliveira", "Gonçalves", "Araújo", "Magalhães", "Ribeiro", "Sousa",
         "Assunção", "da Costa", "Brandão"),
        "Portuguese",
    ),
    Culture(
        "nl",
        ("Sanne", "Daan", "Femke", "Bram", "Lotte", "Joris", "Maaike", "Thijs", "Anouk", "Ruben"),
        ("van Dijk", "de Vries", "van den Berg", "Bakker", "Jansen", "Visser", "Smit", "de Jong",
         "Mulder", "van der Meer"),
        "Dutch",
    ),
    Culture(
        "it",
        ("Giulia", "Matteo", "Chiara", "Lorenzo", "Francesca", "Niccolò", "Alessandro",
         "Federica"),
        ("Rossi", "Bianchi", "Esposito", "Ricci", "Romano", "Colombo", "Marchetti", "De Luca",
         "Galli", "D'Angelo"),
        "Italian",
    ),
    Culture(
        "pl",
        ("Łukasz", "Małgorzata", "Paweł", "Agnieszka", "Wojciech", "Zofia", "Michał",
         "Katarzyna"),
        ("Nowak", "Wójcik", "Kowalczyk", "Mazur", "Krawczyk", "Kaczmarek", "Zając", "Sikora",
         "Woźniak"),
        "Polish",
    ),
    Culture(
        "tr",
        ("Ayşe", "Mehmet", "Elif", "Emre", "Zeynep", "Burak", "Gökhan", "Şule", "Çağla", "Oğuz"),
        ("Kaya", "Demir", "Şahin", "Çelik", "Öztürk", "Aydın", "Arslan", "Doğan", "Güneş",
         "Yıldız"),
        "Turkish",
    ),
    Culture(
        "nordic",
        ("Søren", "Åsa", "Bjørn", "Ingrid", "Mikkel", "Sigrid", "Freja", "Henrik", "Maja"),
        ("Jørgensen", "Åberg", "Lindqvist", "Sørensen", "Halvorsen", "Bergström", "Nyström",
         "Østergaard", "Lundgren"),
        "Swedish",
    ),
    Culture(
        "jp",
        ("Yuki", "Haruto", "Sakura", "Ren", "Aoi", "Takumi", "Hina", "Kenji", "Yui", "Daiki"),
        ("Tanaka", "Satō", "Suzuki", "Takahashi", "Watanabe", "Itō", "Yamamoto", "Nakamura",
         "Kobayashi", "Ōta"),
        "Japanese",
    ),
    Culture(
        "cn",
        ("Wei", "Xiaoming", "Jing", "Hao", "Mei", "Yifan", "Zhiwei", "Xinyi", "Jun", "Lina"),
        ("Zhang", "Wang", "Li", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou"),
        "Mandarin",
    ),
    Culture(
        "in",
        ("Priya", "Arjun", "Ananya", "Rohan", "Kavya", "Aditya", "Sneha", "Vikram", "Divya",
         "Rahul", "Lakshmi"),
        ("Sharma", "Venkataraman", "Iyer", "Reddy", "Nair", "Gupta", "Banerjee", "Chatterjee",
         "Menon", "Krishnan", "Deshpande"),
        "Hindi",
    ),
    Culture(
        "vn",
        ("Minh Anh", "Thảo", "Quang Huy", "Hương", "Đức", "Thu Lan", "Tuấn", "Ngọc Mai"),
        ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"),
        "Vietnamese",
        family_first=True,
    ),
    Culture(
        "africa",
        ("Chinedu", "Ngozi", "Oluwaseun", "Adaeze", "Kwame", "Abena", "Wanjiru", "Tendai",
         "Emeka", "Folake"),
        ("Okafor", "Adeyemi", "Mensah", "Okonkwo", "Mwangi", "Balogun", "Owusu", "Nwosu",
         "Boateng"),
        "English",
    ),
    Culture(
        "arabic",
        ("Omar", "Layla", "Youssef", "Fatima", "Karim", "Nour", "Hassan", "Amira", "Tariq",
         "Salma"),
        ("Haddad", "El-Amin", "Mansour", "Khalil", "Nasser", "Al-Farsi", "Saleh", "Aziz",
         "Hamdan", "Darwish"),
        "Arabic",
    ),
    Culture(
        "kr",
        ("Ji-woo", "Min-jun", "Seo-yeon", "Hyun-woo", "Ha-eun", "Do-yoon"),
        ("Kim", "Lee", "Park", "Choi", "Jung", "Kang"),
        "Korean",
    ),
)

# Letters NFKD does not take apart into a base letter and an accent.
_ASCII = str.maketrans(
    {"ß": "ss", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "æ": "ae",
     "ı": "i", "œ": "oe"}
)


def ascii_fold(text: str) -> str:
    """``"Jürgen Weiß"`` -> ``"Jurgen Weiss"``: for email addresses and profile handles."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_ASCII))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slug(text: str, separator: str = "-") -> str:
    """``"Ní Bhriain"`` -> ``"ni-bhriain"``."""
    words = "".join(ch if ch.isalnum() else " " for ch in ascii_fold(text).lower()).split()
    return separator.join(words)
