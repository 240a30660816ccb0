"""Section headings of a resume ("Experience", "Education", "Skills"...) and the sections they open.

The field extractors use them to find where the header (name and contact block) ends, to tell a
heading from a person's name, and to hand each extractor only its own part of the document
(work entries to ``_work``, degrees to ``_education``...).

A line is a heading when it *is* a known heading (a multilingual vocabulary: English, German,
French, Spanish, Portuguese, Dutch, Italian) or when it *looks* like one: set apart by typography
(larger than body text, ALL CAPS, the same style as the document's known headings, or a trailing
colon) and plausible as a heading (short, no digits or "@", not the name, not a job title or a
company, not the title line of an entry whose dates follow).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ._dates import find_dates
from ._roles import company_score, title_score
from ._text import CELL_SEPARATOR, Line

__all__ = [
    "HEADER_MAX_LINES",
    "KINDS",
    "Section",
    "header_end",
    "heading_kind",
    "is_column_header",
    "is_contact_heading",
    "is_section_heading",
    "split_sections",
]

HEADER_MAX_LINES = 15
"""The header (name, title, contacts) is at most this many lines, even without any heading."""

KINDS = (
    "header",
    "summary",
    "work",
    "education",
    "skills",
    "languages",
    "certificates",
    "projects",
    "other",
)

# Kind -> "|"-separated headings, lowercase, as written (EN, DE, FR, ES, PT, NL, IT).
_VOCABULARY: dict[str, str] = {
    "summary": (
        "summary|professional summary|profile|professional profile|personal profile|"
        "career profile|about|about me|objective|career objective|career summary|"
        "executive summary|overview|introduction|personal statement|"
        "profil|kurzprofil|über mich|zusammenfassung|berufliches profil|persönliches profil|"
        "résumé|à propos|à propos de moi|objectif|profil professionnel|synthèse|"
        "perfil|resumen|sobre mí|acerca de mí|objetivo|perfil profesional|extracto|"
        "resumo|sobre mim|perfil profissional|"
        "profiel|samenvatting|over mij|persoonlijk profiel|"
        "profilo|sommario|chi sono|obiettivo|profilo professionale|riepilogo"
    ),
    "work": (
        "experience|work experience|professional experience|employment|employment history|"
        "work history|career history|relevant experience|experience summary|career|"
        "professional background|work|internships|internship experience|industry experience|"
        "research experience|teaching experience|relevant work experience|"
        "berufserfahrung|beruflicher werdegang|werdegang|berufliche erfahrung|berufspraxis|"
        "praktische erfahrung|erfahrung|berufliche laufbahn|beruflicher hintergrund|praktika|"
        "arbeitserfahrung|berufstätigkeit|"
        "expérience|expériences|expérience professionnelle|expériences professionnelles|"
        "parcours professionnel|emplois|stages|"
        "experiencia|experiencia laboral|experiencia profesional|trayectoria profesional|"
        "historial laboral|prácticas|"
        "experiência|experiência profissional|experiências profissionais|"
        "histórico profissional|experiência de trabalho|estágios|"
        "werkervaring|ervaring|professionele ervaring|loopbaan|arbeidsverleden|"
        "beroepservaring|"
        "esperienza|esperienze|esperienza lavorativa|esperienze lavorative|"
        "esperienza professionale|esperienze professionali|percorso professionale"
    ),
    "education": (
        "education|education and training|academic background|academic qualifications|"
        "educational background|academic history|studies|academics|academic education|"
        "ausbildung|bildung|bildungsweg|studium|schulbildung|akademischer werdegang|"
        "aus- und weiterbildung|hochschulbildung|ausbildung und studium|schulische ausbildung|"
        "formation|formations|éducation|études|parcours académique|diplômes|cursus|"
        "formation académique|"
        "educación|formación|formación académica|estudios|educación y formación|titulación|"
        "educação|formação|formação acadêmica|formação académica|escolaridade|estudos|"
        "opleiding|opleidingen|onderwijs|studie|"
        "istruzione|formazione|istruzione e formazione|studi|titoli di studio|"
        "percorso di studi"
    ),
    "skills": (
        "skills|technical skills|key skills|core skills|core competencies|competencies|"
        "expertise|areas of expertise|technologies|tools|tech stack|qualifications|"
        "technical proficiencies|it skills|computer skills|abilities|strengths|skill set|"
        "skillset|toolbox|technical expertise|"
        "kenntnisse|fähigkeiten|fachkenntnisse|it-kenntnisse|kompetenzen|qualifikationen|"
        "technische kenntnisse|edv-kenntnisse|fertigkeiten|"
        "compétences|compétences techniques|savoir-faire|aptitudes|compétences clés|"
        "habilidades|competencias|conocimientos|habilidades técnicas|conocimientos técnicos|"
        "competências|conhecimentos|competências técnicas|aptidões|"
        "vaardigheden|competenties|kennis|"
        "competenze|competenze tecniche|abilità|capacità|conoscenze|competenze informatiche"
    ),
    "languages": (
        "languages|language skills|spoken languages|language proficiency|languages known|"
        "sprachen|sprachkenntnisse|fremdsprachen|langues|compétences linguistiques|"
        "idiomas|lenguas|línguas|talen|talenkennis|lingue|conoscenze linguistiche|"
        "competenze linguistiche"
    ),
    "certificates": (
        "certifications|certificates|certification|licenses|licences|accreditations|"
        "professional certifications|professional certificates|certifications and courses|"
        "professional qualifications|professional memberships|"
        "licenses and certifications|licenses & certifications|courses and certifications|"
        "credentials|courses|training|professional development|"
        "zertifikate|zertifizierungen|weiterbildung|weiterbildungen|fortbildungen|kurse|"
        "schulungen|certificats|formations complémentaires|certificaciones|certificados|"
        "cursos|certificações|certificaten|certificeringen|cursussen|certificazioni|"
        "certificati|corsi"
    ),
    "projects": (
        "projects|personal projects|selected projects|side projects|key projects|"
        "academic projects|open source|open source projects|portfolio|"
        "projekte|projekterfahrung|ausgewählte projekte|projets|projets personnels|"
        "proyectos|projetos|projectos|projecten|progetti"
    ),
    "other": (
        "details|get in touch|contact me|personal data|kontaktdaten|personalien|coordonnées|"
        "personalia|personal particulars|"
        "datos de contacto|informações de contato|contactgegevens|recapiti|"
        "interests|hobbies|publications|awards|honors|honours|achievements|accomplishments|"
        "volunteering|volunteer experience|volunteer work|references|contact|"
        "contact information|contact details|personal details|personal information|"
        "leadership|activities|extracurricular activities|memberships|affiliations|talks|"
        "presentations|conferences|patents|additional information|miscellaneous|"
        "interessen|hobbys|persönliche daten|kontakt|publikationen|auszeichnungen|ehrenamt|"
        "referenzen|sonstiges|engagement|"
        "centres d'intérêt|loisirs|prix|bénévolat|références|informations personnelles|"
        "divers|intereses|aficiones|publicaciones|premios|voluntariado|referencias|"
        "datos personales|contacto|interesses|publicações|prêmios|referências|"
        "dados pessoais|contato|publicaties|prijzen|vrijwilligerswerk|referenties|"
        "persoonlijke gegevens|interessi|pubblicazioni|premi|volontariato|referenze|"
        "dati personali|contatti"
    ),
}
# Word stems that name a section's kind inside a heading the vocabulary does not know
# ("Engineering Experience", "Relevant Coursework"): only used for typographic headings.
_STEMS: tuple[tuple[str, str], ...] = (
    (
        "work",
        "experien|erfahrung|esperienz|ervaring|employment|werdegang|career|laufbahn|"
        "appointment|positions held|work history",
    ),
    ("education", "educat|ausbildung|studium|formation|formación|formação|istruzione|academ"),
    ("skills", "skill|kenntnis|compétence|competenc|habilidad|vaardig|competenz"),
    ("languages", "language|sprach|langue|idioma|lingu"),
    ("certificates", "certif|licen|zertifi|course|kurse"),
    ("projects", "project|projekt|projet|proyect|progett|projeto"),
    ("summary", "summary|profil|about|objective|resumen|resumo"),
    (
        "other",
        "publication|award|grant|honor|honour|teaching|volunteer|interest|hobb|reference|"
        "membership|affiliation|conference|talk|patent|activit|leadership|achievement|"
        "presentation|research|additional",
    ),
)

# Headings whose section can hold degrees as well as skills or courses ("Qualifications"):
# their kind is decided by what they contain (see ``_profile``).
_AMBIGUOUS_TEXT = (
    "qualifications|qualifikationen|training|background|credentials|courses|kurse|cursos|"
    "professional development|qualifications and training"
)
_AMBIGUOUS = frozenset(_AMBIGUOUS_TEXT.split("|"))
# "Other" headings whose section is the contact block in a sidebar or column: the candidate's
# place, email and links live there.
_CONTACT_TEXT = (
    "contact|contacts|contact information|contact details|contact info|personal details|"
    "personal information|personal data|details|get in touch|contact me|kontakt|kontaktdaten|"
    "persönliche daten|personalien|coordonnées|informations personnelles|contacto|"
    "datos de contacto|datos personales|contato|informações de contato|dados pessoais|"
    "contactgegevens|persoonlijke gegevens|contatti|recapiti|dati personali|personalia|"
    "personal particulars"
)
_CONTACT = frozenset(_CONTACT_TEXT.split("|"))
_TRIM = re.compile(r"^[\W_]+|[\W_]+$")
_SPACES = re.compile(r"\s+")
_LETTER_SPACED = re.compile(r"(?:[^\W\d_] ){3,}[^\W\d_]")
_JOINERS = re.compile(r" (?:and|und|et|y|e|en|&) ")
_NOT_HEADING = re.compile(r"[\d@|/,;]|\.\s|\.$")
_MAX_HEADING = 40
_MAX_WORDS = 5
_LOOKAHEAD = 2  # an entry's title line has its dates within this many lines
_SAME_LINE = 0.005  # fraction of the page height
_LABEL_WORDS = 6  # "Name and address of employer": a form label, not content


@dataclass(frozen=True, slots=True)
class Section:
    """A part of the document: its ``kind`` (one of :data:`KINDS`), the ``heading`` line that
    opened it (``None`` for the header) and its body ``lines``."""

    kind: str
    heading: Line | None
    lines: tuple[Line, ...]
    ambiguous: bool = False
    """The heading does not settle the kind ("Qualifications", an unknown heading)."""

    @property
    def top_of_heading(self) -> float:
        return self.heading.top if self.heading is not None else 0.0


@functools.cache
def _vocabulary() -> dict[str, str]:
    return {
        heading: kind for kind, headings in _VOCABULARY.items() for heading in headings.split("|")
    }


@functools.cache
def _spaced_vocabulary() -> dict[str, str]:
    """The vocabulary without spaces, for letter-spaced headings ("E X P E R I E N C E")."""
    return {heading.replace(" ", ""): kind for heading, kind in _vocabulary().items()}


def _key(text: str) -> str:
    return _SPACES.sub(" ", _TRIM.sub("", text.lower())).replace(" & ", " and ").strip()


@functools.lru_cache(maxsize=4096)  # asked of the same lines by several extractors
def heading_kind(text: str) -> str | None:
    """The kind of section ``text`` opens if it is a known heading (any case, with or without
    a trailing colon; "Skills and Tools" is two headings joined), else ``None``."""
    if len(text) > _MAX_HEADING or text.endswith("."):
        return None
    first = next((ch for ch in text if ch.isalpha()), "")
    if first.islower():
        return None  # "tools." is the end of a wrapped sentence, not the "Tools" heading
    key = _key(text)
    vocabulary = _vocabulary()
    kind = vocabulary.get(key)
    if kind is not None:
        return kind
    if _LETTER_SPACED.fullmatch(key):
        return _spaced_vocabulary().get(key.replace(" ", ""))
    parts = _JOINERS.split(key)
    if len(parts) > 1 and all(part in vocabulary for part in parts):
        return vocabulary[parts[0]]
    return None


def is_section_heading(text: str) -> bool:
    """Whether a line is a known section heading, in any case, with or without a colon."""
    return heading_kind(text) is not None


# Column labels of a table's header row ("Period | Company | Title", "Zeitraum | Firma").
_COLUMN_LABELS_TEXT = (
    "period|periods|dates|date|date range|start date|end date|from|to|from - to|from-to|"
    "duration|year|years|time|timeframe|company|employer|organisation|organization|title|"
    "position|role|job|job title|designation|location|place|city|country|institution|school|"
    "university|degree|qualification|course|field|subject|grade|result|description|"
    "responsibilities|zeitraum|von|bis|firma|unternehmen|arbeitgeber|ort|tätigkeit|funktion|"
    "période|entreprise|employeur|poste|fonction|lieu|periodo|período|fecha|fechas|empresa|"
    "empleador|cargo|puesto|lugar|data|datas|função|local|periode|bedrijf|functie|plaats|"
    "azienda|ruolo|luogo"
)
_COLUMN_LABELS = frozenset(_COLUMN_LABELS_TEXT.split("|"))
_CELLS = re.compile(r"\s[|]\s|\t|\s{2,}")


def is_column_header(text: str) -> bool:
    """Whether a row is a table's header: two or more cells, each a column label ("Period |
    Company | Title"), not an entry."""
    cells = [cell.strip(" :").lower() for cell in _CELLS.split(text.strip())]
    return len(cells) >= 2 and all(cell in _COLUMN_LABELS for cell in cells)


def is_contact_heading(text: str) -> bool:
    """Whether a heading opens a contact block ("Contact", "Get in touch", "Kontaktdaten")."""
    return len(text) <= _MAX_HEADING and _key(text) in _CONTACT


def header_end(lines: Sequence[Line]) -> int:
    """Index of the first line after the header: the first heading, capped at HEADER_MAX_LINES."""
    for index, line in enumerate(lines[:HEADER_MAX_LINES]):
        if line.page > 0 or is_section_heading(line.text):
            return index
    return min(len(lines), HEADER_MAX_LINES)


def _stem_kind(text: str) -> str | None:
    """The kind a heading's words name ("Selected Publications" -> other), if any."""
    lowered = text.lower()
    for kind, stems in _STEMS:
        if any(stem in lowered for stem in stems.split("|")):
            return kind
    return None


def _style(line: Line) -> tuple[int, bool, bool]:
    return round(line.size * 2), line.bold, line.text.isupper()


class _Typography:
    """What body text and the known headings of one document look like."""

    def __init__(self, lines: Sequence[Line], known: list[int]) -> None:
        sizes: Counter[int] = Counter()
        for line in lines:  # weighted by length: body text is where the characters are
            sizes[round(line.size * 2)] += len(line.text)
        self.body_size = sizes.most_common(1)[0][0] / 2 if sizes else 0.0
        self.body_bold = sum(line.bold for line in lines) * 2 > len(lines)
        self.known_styles = {_style(lines[index]) for index in known}

    def stands_out(self, line: Line) -> bool:
        larger = line.size >= self.body_size + 1.0
        caps = line.text.isupper() and sum(ch.isalpha() for ch in line.text) >= 3
        marked = larger or caps or line.text.endswith(":") or (line.bold and not self.body_bold)
        if not self.known_styles:
            # Without a known heading to compare with, only size or capitals set a line apart.
            return line.size >= self.body_size + 2.0 or caps
        return marked and _style(line) in self.known_styles


def _plausible(lines: Sequence[Line], index: int) -> bool:
    """Whether a line that stands out could be a heading rather than a title, company or name."""
    text = lines[index].text
    if len(text) > _MAX_HEADING or len(text.split()) > _MAX_WORDS or _NOT_HEADING.search(text):
        return False
    if not any(ch.isalpha() for ch in text):
        return False
    if _stem_kind(text) is not None:
        return True  # "Academic Appointments", "Selected Publications": says what it opens
    if title_score(text) > 0 or company_score(text) > 0:
        return False
    # A title or company line ("GOOGLE") is followed by its dates; a heading is not.
    return not any(find_dates(line.text) for line in lines[index + 1 : index + 1 + _LOOKAHEAD])


def _split_row_headings(lines: Sequence[Line], name_index: int) -> Sequence[Line]:
    """A heading in the first cell of a row ("LANGUAGES | Spanish (native) • English") is a
    heading line followed by a body line, as if the two had been written one under the other.
    Only after the name, so the name's index stays what the caller knows."""
    if not any(CELL_SEPARATOR in line.text for line in lines):
        return lines
    split: list[Line] = []
    for index, line in enumerate(lines):
        first, _, rest = line.text.partition(CELL_SEPARATOR)
        if rest and index > name_index and heading_kind(first) is not None:
            split.append(dataclasses.replace(line, text=first))
            split.append(dataclasses.replace(line, text=rest))
        else:
            split.append(line)
    return split


def split_sections(lines: Sequence[Line], name_index: int = -1) -> list[Section]:
    """The document cut at its headings: a ``"header"`` section first (the lines before the
    first heading, maybe none), then one section per heading, in order.

    ``name_index`` is the line holding the candidate's name, which is never a heading.
    """
    lines = _split_row_headings(lines, name_index)
    known = [index for index, line in enumerate(lines) if is_section_heading(line.text)]
    known_set = set(known)
    typography = _Typography(lines, known)
    starts: list[tuple[int, str, bool]] = []
    for index, line in enumerate(lines):
        if index in known_set:
            kind = heading_kind(line.text) or "other"
            starts.append((index, kind, _key(line.text) in _AMBIGUOUS))
        elif (
            index > max(name_index, 0) and typography.stands_out(line) and _plausible(lines, index)
        ):
            stem = _stem_kind(line.text)
            starts.append((index, stem or "other", stem is None))
    sections: list[Section] = []
    first = starts[0][0] if starts else len(lines)
    sections.append(Section("header", None, tuple(lines[:first])))
    for number, (index, kind, ambiguous) in enumerate(starts):
        stop = starts[number + 1][0] if number + 1 < len(starts) else len(lines)
        sections.append(Section(kind, lines[index], tuple(lines[index + 1 : stop]), ambiguous))
    return _realign(sections)


def _above(line: Line, heading: Line | None) -> bool:
    """Whether a PDF line sits higher on its page than ``heading`` (on the same page)."""
    return (
        heading is not None
        and line.size > 0
        and line.page == heading.page
        and line.top < heading.top - _SAME_LINE
    )


def _sparse(section: Section) -> bool:
    """A heading over a column of labels or dates ("Dates", "2021 - now"), the content being
    in the next column: an empty section or one of short lines."""
    return all(len(line.text.split()) <= _LABEL_WORDS for line in section.lines)


def _target(sections: list[Section], line: Line, sparse: list[bool]) -> int | None:
    """Where a line that sits above its own heading belongs: the header if it is above every
    heading of page 1, else the sparse section whose heading is the closest above it."""
    best: int | None = None
    for number, section in enumerate(sections[1:], start=1):
        heading = section.heading
        if heading is None or heading.page != line.page or heading.top > line.top + _SAME_LINE:
            continue
        if sparse[number] and (best is None or heading.top >= sections[best].top_of_heading):
            best = number
    if best is None and line.page == 0:
        first = sections[1].heading if len(sections) > 1 else None
        if first is not None and _above(line, first):
            return 0
    return best


def _realign(sections: list[Section]) -> list[Section]:
    """Give lines read out of place back to their section, by their height on the page.

    PDF columns are read one after the other. Contact details in a right-hand column come
    after the left column's first heading ("About Me") but sit above it: they are header.
    A "label column" (headings and dates on the left, the entries on the right) leaves the
    entries after the last heading: each goes to the heading level with it, and the lines of
    such a section are put in page order, so a date and its entry end up side by side.
    """
    if len(sections) < 2:
        return sections
    sparse = [False, *(_sparse(section) for section in sections[1:])]
    moved: dict[int, list[Line]] = {}
    kept: list[list[Line]] = [list(section.lines) for section in sections]
    for number, section in enumerate(sections[1:], start=1):
        stay: list[Line] = []
        for line in section.lines:
            target = _target(sections, line, sparse) if _above(line, section.heading) else None
            if target is None or target == number:
                stay.append(line)
            else:
                moved.setdefault(target, []).append(line)
        kept[number] = stay
    if not moved:
        return sections
    result: list[Section] = []
    for number, section in enumerate(sections):
        lines = kept[number] + moved.get(number, [])
        if number and number in moved:
            lines.sort(key=lambda line: (line.page, line.top))  # stable: same row keeps order
        result.append(Section(section.kind, section.heading, tuple(lines), section.ambiguous))
    return result
