"""Is a piece of text a job title or an organisation? Word cues, scored.

An entry line like "Acme Corp | Senior Engineer" does not say which part is which; the words do.
``title_score`` counts job-title words (engineer, Entwickler, ingénieur, desarrollador...,
seniority words, and German compounds such as "Softwareentwickler"); ``company_score`` counts
organisation cues, a legal form (Inc, GmbH, S.A., B.V....) weighing most. Both are small ints,
compared by the callers rather than thresholded, because either can be fooled on its own
("Engineering Solutions GmbH" holds a title-ish word, "Head of Research" an org-ish one).
"""

from __future__ import annotations

import functools
import re

__all__ = [
    "company_score",
    "ends_with_legal_form",
    "is_employment_type",
    "starts_with_action_verb",
    "title_score",
]

_TITLE_WORDS_TEXT = (
    # English
    "engineer engineers developer developers programmer manager managers analyst designer "
    "consultant director intern lead head specialist scientist architect administrator admin "
    "officer coordinator assistant associate technician researcher professor lecturer teacher "
    "tutor instructor accountant auditor advisor adviser representative executive president vp "
    "founder co-founder cofounder owner principal staff senior junior sr jr trainee apprentice "
    "fellow editor writer copywriter journalist nurse physician pharmacist therapist attorney "
    "lawyer paralegal counsel clerk cashier supervisor foreman operator mechanic electrician "
    "driver chef cook agent broker recruiter sourcer strategist planner buyer marketer "
    "controller treasurer secretary receptionist sre devops ceo cto cfo coo cio cmo cpo ciso "
    "freelancer contractor volunteer postdoc postdoctoral student tester evangelist "
    "generalist practitioner partner investigator librarian photographer illustrator animator "
    "producer translator interpreter coach trainer mentor dba qa "
    # German
    "ingenieur ingenieurin entwickler entwicklerin berater beraterin leiter leiterin "
    "projektleiter werkstudent werkstudentin praktikant praktikantin referent referentin "
    "sachbearbeiter sachbearbeiterin mitarbeiter mitarbeiterin geschäftsführer "
    "geschäftsführerin informatiker informatikerin fachinformatiker wissenschaftler "
    "wissenschaftlicher wissenschaftliche assistent assistentin teamleiter abteilungsleiter "
    "architekt gründer inhaber auszubildender kaufmann kauffrau "
    # French
    "ingénieur ingénieure développeur développeuse chef responsable stagiaire consultante "
    "chargé chargée directeur directrice analyste gestionnaire technicien technicienne "
    "alternant alternante architecte concepteur fondateur assistante "
    # Spanish / Portuguese
    "ingeniero ingeniera desarrollador desarrolladora programador programadora gerente jefe "
    "jefa directora analista consultor consultora becario becaria practicante técnico técnica "
    "coordinador coordinadora arquitecto fundador asistente diseñador diseñadora engenheiro "
    "engenheira desenvolvedor desenvolvedora estagiário estagiária coordenador diretor "
    "arquiteto líder "
    # Dutch / Italian
    "ontwikkelaar medewerker adviseur beheerder stagiair projectleider teamleider directeur "
    "programmeur oprichter sviluppatore sviluppatrice ingegnere consulente tirocinante stagista "
    "programmatore progettista direttore tecnico architetto fondatore collaboratore"
)
# German (and Dutch) write titles as compounds: "Softwareentwickler", "Projektleiterin".
_TITLE_SUFFIXES = (
    "entwickler",
    "entwicklerin",
    "ingenieur",
    "ingenieurin",
    "berater",
    "beraterin",
    "leiter",
    "leiterin",
    "manager",
    "engineer",
    "architekt",
    "informatiker",
    "referent",
    "assistent",
    "praktikant",
    "ontwikkelaar",
    "medewerker",
    "adviseur",
)
_TITLE_PHRASES = ("product owner", "scrum master", "vice president", "head of", "team lead")
# Legal forms: unambiguous anywhere in the text.
_LEGAL_TEXT = (
    "inc incorporated ltd limited llc llp plc gmbh mbh corp corporation pvt pty ltda sarl srl "
    "sàrl bv nv kg ohg gbr kgaa ug sprl bvba sl sro spzoo kk"
)
# Legal forms that are also words or other abbreviations (SA, SE, AB, AS...): only as the last
# word, written in capitals or with dots.
_LEGAL_LAST_TEXT = "sa se ab as asa oy co ag spa sas ou sc"
_ORG_TEXT = (
    "technologies labs lab systems solutions consulting consultancy "
    "partners ventures capital bank bancorp insurance studio studios media digital networks "
    "analytics services industries international global enterprises agency agentur foundation "
    "institute university universität hospital clinic ministry department government "
    "association gruppe group groupe grupo airlines airways motors pharmaceuticals pharma "
    "health healthcare energy logistics retail games interactive robotics payments holdings "
    "holding company trust council college school academy hochschule bureau firm "
    "communications telecom automotive aerospace electronics biotech therapeutics brands foods "
    "entertainment publishing press stiftung verlag werke versicherung gesellschaft verein "
    "société banque empresa compañía companhia universidad université università universidade "
    "universiteit gemeente ziekenhuis ospedale comune ayuntamiento associates"
)
_EMPLOYMENT_TEXT = (
    "full-time|full time|part-time|part time|contract|contractor|freelance|permanent|"
    "temporary|internship|remote|hybrid|on-site|onsite|vollzeit|teilzeit|befristet|"
    "unbefristet|festanstellung|cdi|cdd|temps plein|temps partiel|jornada completa|"
    "tiempo completo|media jornada|tempo integral|voltijd|deeltijd|tempo pieno"
)
# A legal form closing a name, as written: "Acme Inc.", "Telefónica S.A.", "Aqua AS".
_LEGAL_END = re.compile(
    r"\b(?:Inc|Ltd|LLC|LLP|PLC|GmbH|AG|SE|KG|S\.?A|S\.?L|B\.?V|N\.?V|AB|AS|ASA|Oy|Corp|Co|"
    r"Limited|S\.?p\.?A|S\.?r\.?l|Pty|Pvt|K\.?K)\.?$"
)
# Verbs that open resume bullets: "Led Kubernetes Migration" is a bullet in Title Case.
_ACTION_VERBS_TEXT = (
    "led built ran drove managed developed designed implemented created launched delivered "
    "owned improved reduced increased migrated wrote automated coordinated mentored coached "
    "introduced established maintained optimized optimised negotiated analysed analyzed "
    "supported handled oversaw grew cut saved achieved spearheaded streamlined architected "
    "deployed trained presented organised organized conducted performed prepared produced "
    "researched resolved shipped took worked collaborated contributed helped assisted "
    "rebuilt replaced set won"
)
_WORD = re.compile(r"[^\W\d_]+(?:[.'-][^\W\d_]+)*\.?")


@functools.cache
def _tables() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    return (
        frozenset(_TITLE_WORDS_TEXT.split()),
        frozenset(_LEGAL_TEXT.split()),
        frozenset(_LEGAL_LAST_TEXT.split()),
        frozenset(_ORG_TEXT.split()),
    )


@functools.cache
def _employment() -> frozenset[str]:
    return frozenset(_EMPLOYMENT_TEXT.split("|"))


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


_CACHE = 4096  # the same segments are scored several times per document (head, orientation)


@functools.lru_cache(maxsize=_CACHE)
def title_score(text: str) -> int:
    """How many job-title words ``text`` holds ("Senior Software Engineer" -> 2)."""
    titles = _tables()[0]
    score = 0
    for word in _words(text):
        key = word.lower().rstrip(".")
        if key in titles or (len(key) >= 9 and key.endswith(_TITLE_SUFFIXES)):
            score += 1
    lowered = text.lower()
    return score + sum(phrase in lowered for phrase in _TITLE_PHRASES)


@functools.lru_cache(maxsize=_CACHE)
def company_score(text: str) -> int:
    """Organisation cues in ``text``: 3 for a legal form (Inc, GmbH, S.A.), 1 per org word."""
    _, legal, legal_last, orgs = _tables()
    words = _words(text)
    score = 0
    for position, word in enumerate(words):
        key = word.lower().replace(".", "")
        if key in legal:
            score += 3
        elif key in orgs:
            score += 1
        elif (
            key in legal_last
            and position == len(words) - 1
            and position > 0
            and (word.isupper() or "." in word)
        ):
            score += 3
    return score


def ends_with_legal_form(text: str) -> bool:
    """Whether a name ends in a legal form ("Fabrikam Inc.", "Nordkapp Aqua AS")."""
    return _LEGAL_END.search(text.rstrip()) is not None


@functools.cache
def _action_verbs() -> frozenset[str]:
    return frozenset(_ACTION_VERBS_TEXT.split())


def starts_with_action_verb(text: str) -> bool:
    """Whether a line opens like a resume bullet ("Led ...", "Built ...")."""
    first = text.split(" ", 1)[0].lower()
    return first in _action_verbs()


def is_employment_type(text: str) -> bool:
    """Whether ``text`` only says how someone was employed ("Full-time", "Freelance")."""
    return text.strip(" ()[].").lower() in _employment()
