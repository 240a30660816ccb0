"""The skill taxonomy file itself: size, uniqueness, and aliases that are safe to match.

``skills.json`` is data that many people extend; these checks keep an addition from silently
breaking matching (a second skill claiming an alias is unreachable; an alias that is an
everyday English word turns prose into skills). Tricky matches of the new entries are at the
end; the matching rules themselves are tested in ``test_extract_skills.py``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from importlib import resources
from typing import Any

import pytest

from ats_backend.parser.extract._skills import _key, find_skills, taxonomy_size

# The ~1,000 most frequent English words: a case-insensitive alias must not be one of them
# unless its entry is "generic" (then one-word forms count only in list-like contexts), and an
# exact spelling that looks like the start of a sentence ("Go", "Spring") must be "ambiguous".
_COMMON_WORDS_TEXT = (
    "a able about above accept access account across act action active activity actually "
    "add address admit adult affect after again against age agency agent ago agree "
    "agreement ahead air all allow almost alone along already also although always among "
    "amount analysis and animal another answer any anyone anything appear apply approach "
    "area argue arm around arrive art article artist as ask assume at attack attention "
    "attorney audience author authority available avoid away baby back bad bag ball bank "
    "bar base be beat beautiful because become bed before begin behavior behind believe "
    "benefit best better between beyond big bill billion bit black blood blue board body "
    "book born both box boy break bring brother budget build building business but buy by "
    "call camera campaign can cancer candidate capital car card care career carry case "
    "catch cause cell center central century certain certainly chair challenge chance "
    "change character charge check child choice choose church citizen city civil claim "
    "class clear clearly close coach cold collection college color come commercial common "
    "community company compare computer concern condition conference congress consider "
    "consumer contain continue control cost could country couple course court cover "
    "create crime cultural culture cup current customer cut dark data daughter day dead "
    "deal death debate decade decide decision deep defense degree democrat democratic "
    "describe design despite detail determine develop development die difference "
    "different difficult dinner direction director discover discuss discussion disease do "
    "doctor dog door down draw dream drive drop drug during each early east easy eat "
    "economic economy edge education effect effort eight either election else employee "
    "end energy enjoy enough enter entire environment environmental especially establish "
    "even evening event ever every everybody everyone everything evidence exactly example "
    "executive exist expect experience expert explain eye face fact factor fail fall "
    "family far fast father fear federal feel feeling few field fight figure fill film "
    "final finally financial find fine finger finish fire firm first fish five floor fly "
    "focus follow food foot for force foreign forget form former forward four free friend "
    "from front full fund future game garden gas general generation get girl give glass "
    "go goal good government great green ground group grow growth guess gun guy hair half "
    "hand hang happen happy hard have he head health hear heart heat heavy help her here "
    "herself high him himself his history hit hold home hope hospital hot hotel hour "
    "house how however huge human hundred husband idea identify if image imagine impact "
    "important improve in include including increase indeed indicate individual industry "
    "information inside instead institution interest interesting international interview "
    "into investment involve issue it item its itself job join just keep key kid kill "
    "kind kitchen know knowledge land language large last late later laugh law lawyer lay "
    "lead leader learn least leave left leg legal less let letter level lie life light "
    "like likely line list listen little live local long look lose loss lot love low "
    "machine magazine main maintain major majority make man manage management manager "
    "many market marriage material matter may maybe me mean measure media medical meet "
    "meeting member memory mention message method middle might military million mind "
    "minute miss mission model modern moment money month more morning most mother mouth "
    "move movement movie much music must my myself name nation national natural nature "
    "near nearly necessary need network never new news newspaper next nice night no none "
    "nor north not note nothing notice now number occur of off offer office officer "
    "official often oh oil ok old on once one only onto open operation opportunity option "
    "or order organization other others our out outside over own owner page pain painting "
    "paper parent part participant particular particularly partner party pass past "
    "patient pattern pay peace people per perform performance perhaps period person "
    "personal phone physical pick picture piece place plan plant play player point police "
    "policy political politics poor popular population position positive possible power "
    "practice prepare present president pressure pretty prevent price private probably "
    "problem process produce product production professional professor program project "
    "property protect prove provide public pull purpose push put quality question quickly "
    "quite race radio raise range rate rather reach read ready real reality realize "
    "really reason receive recent recently recognize record red reduce reflect region "
    "relate relationship religious remain remember remove report represent republican "
    "require research resource respond response responsibility rest result return reveal "
    "rich right rise risk road rock role room rule run safe same save say scene school "
    "science scientist score sea season seat second section security see seek seem sell "
    "send senior sense series serious serve service set seven several sex sexual shake "
    "share she shoot short shot should shoulder show side sign significant similar simple "
    "simply since sing single sister sit site situation six size skill skin small smile "
    "so social society soldier some somebody someone something sometimes son song soon "
    "sort sound source south southern space speak special specific speech spend sport "
    "spring staff stage stand standard star start state statement station stay step still "
    "stock stop store story strategy street strong structure student study stuff style "
    "subject success successful such suddenly suffer suggest summer support sure surface "
    "system table take talk task tax teach teacher team technology television tell ten "
    "tend term test than thank that the their them themselves then theory there these "
    "they thing think third this those though thought thousand threat three through "
    "throughout throw thus time to today together tonight too top total tough toward town "
    "trade traditional training travel treat treatment tree trial trip trouble true truth "
    "try turn tv two type under understand unit until up upon us use usually value "
    "various very victim view violence visit voice vote wait walk wall want war watch "
    "water way we weapon wear week weight well west western what whatever when where "
    "whether which while white who whole whom whose why wide wife will win wind window "
    "wish with within without woman wonder word work worker world worry would write "
    "writer wrong yard yeah year yes yet you young your yourself "
)
COMMON_WORDS = frozenset(_COMMON_WORDS_TEXT.split())
# Everyday words of résumé prose that are also skills: only generic entries may own them
# case-insensitively (an exact, capitalised-only spelling such as "Epic" or "Lever" is fine).
_EVERYDAY_TEXT = (
    "accountability accounting acrobat adaptability algorithms animation arbitration "
    "audit auditing banking basel blogging bookkeeping budgeting caching clustering "
    "coaching collaboration communication compensation compliance concur concurrency "
    "counseling creativity dashboards delegation derivatives editing empathy equities "
    "facilitation firewalls firmware flexibility forecasting hospitality hydraulics "
    "illustration initiative innovation insurance integrity interviewing journalism "
    "leadership litigation logistics mainframe marketing mediation mentoring "
    "merchandising microservices multitasking multithreading negotiation networking "
    "nursing nutrition observability onboarding patience payroll persuasion photography "
    "pneumatics prioritization procurement professionalism proofreading prospecting "
    "prototyping purchasing recruiting recruitment reporting resilience robotics sales "
    "scheduling serverless sharding sourcing statistics storytelling strategy surveying "
    "taxation teamwork trademarks transcription translation treasury triage "
    "troubleshooting tutoring typing typography underwriting upselling valuation welding "
    "writing "
)
EVERYDAY_SKILL_WORDS = frozenset(_EVERYDAY_TEXT.split())
KEYS = {"name", "aliases", "exact", "ambiguous", "generic", "category"}


def _entries() -> list[dict[str, Any]]:
    text = resources.files("ats_backend.parser.extract").joinpath("skills.json").read_text("utf-8")
    entries: list[dict[str, Any]] = json.loads(text)["skills"]
    return entries


def _forms(entry: dict[str, Any]) -> list[str]:
    forms = [entry["name"], *entry.get("aliases", []), *entry.get("exact", [])]
    forms += [form.replace("-", " ") for form in forms if "-" in form]
    return list(dict.fromkeys(forms))


def test_at_least_a_thousand_unique_canonical_skills() -> None:
    names = [entry["name"] for entry in _entries()]
    assert len(names) >= 1000
    assert len(names) == len(set(names))
    assert taxonomy_size() == len(names)


def test_entries_are_well_formed() -> None:
    for entry in _entries():
        assert set(entry) <= KEYS, entry["name"]
        assert entry["name"] == entry["name"].strip() and entry["name"], entry
        assert entry.get("category"), entry["name"]
        assert not entry.get("ambiguous") or entry.get("exact"), entry["name"]
        aliases = entry.get("aliases", [])
        assert len(aliases) == len(set(aliases)), entry["name"]
        assert all(_key(form) for form in _forms(entry)), entry["name"]


def test_no_alias_maps_to_two_skills() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in _entries():
        for form in _forms(entry):
            owners[_key(form)].add(entry["name"])
    shared = {key: sorted(names) for key, names in owners.items() if len(names) > 1}
    assert shared == {}


def test_everyday_words_are_not_matched_in_any_case_unless_generic() -> None:
    offenders = []
    for entry in _entries():
        exact = set(entry.get("exact", []))
        for form in _forms(entry):
            key = _key(form)
            if " " in key:
                continue  # several words are specific enough
            sentence_start = key in COMMON_WORDS and form == form.capitalize()
            if form in exact:
                if sentence_start and not entry.get("ambiguous"):
                    offenders.append((entry["name"], form, "exact, needs ambiguous"))
            elif (key in COMMON_WORDS or key in EVERYDAY_SKILL_WORDS) and not entry.get("generic"):
                offenders.append((entry["name"], form, "any case, needs generic or exact"))
    assert offenders == []


def test_everyday_word_lists_are_lowercase_words() -> None:
    for word in COMMON_WORDS | EVERYDAY_SKILL_WORDS:
        assert word == word.lower() and word.isalpha(), word


def skills(*lines: str) -> list[str]:
    return find_skills(lines)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("JS", "JavaScript"),
        ("Postgres", "PostgreSQL"),
        ("k8s", "Kubernetes"),
        ("golang", "Go"),
        ("ReactJS", "React"),
        ("React.js", "React"),
        ("Node", "Node.js"),
        ("GCP", "Google Cloud"),
        ("MS Excel", "Microsoft Excel"),
        ("C#", "C#"),
        ("C-sharp", "C#"),
        ("C++", "C++"),
        ("cpp", "C++"),
        (".NET", ".NET"),
        ("dotnet", ".NET"),
        ("Azure AD", "Microsoft Entra ID"),
        ("RHEL", "Red Hat Enterprise Linux"),
        ("S&OP", "Sales and Operations Planning"),
        ("FP&A", "FP&A"),
        ("GD&T", "GD&T"),
        ("P&IDs", "P&ID"),
        ("L&D", "Learning and Development"),
        ("EKG", "Electrocardiography"),
        ("ICH-GCP", "Good Clinical Practice"),
        ("Facebook Ads", "Meta Ads"),
        ("Structured Text", "IEC 61131-3"),
        ("RSLogix", "Allen-Bradley"),
        ("STAAD.Pro", "STAAD.Pro"),
        ("3ds Max", "3ds Max"),
        ("Series 7", "Series 7"),
        ("ESL", "English as a Second Language"),
        ("Cross-Selling", "Upselling"),
        ("SAFe", "Scaled Agile Framework"),
    ],
)
def test_new_aliases(text: str, expected: str) -> None:
    assert skills(f"Skills: {text}") == [expected]


def test_tf_is_too_ambiguous_to_be_an_alias() -> None:
    # TensorFlow? Terraform? Both are common; "TF" maps to neither.
    assert skills("Skills: TF") == []


def test_gcp_means_google_cloud_not_good_clinical_practice() -> None:
    assert skills("GCP, BigQuery") == ["Google Cloud", "BigQuery"]
    assert skills("ICH-GCP, clinical trials") == ["Good Clinical Practice", "Clinical Trials"]


def test_capitalised_product_names_that_are_words_need_a_list() -> None:
    assert skills("Epic, Cerner, Meditech") == ["Epic", "Cerner", "Meditech"]
    assert skills("An epic journey", "Epic journeys start here") == []
    assert skills("Workday, Greenhouse, Lever") == ["Workday", "Greenhouse", "Lever"]
    assert skills("a long workday", "pull the lever", "Greenhouse gas emissions") == []
    assert skills("Zoom, Microsoft Teams") == ["Zoom", "Microsoft Teams"]
    assert skills("Zoom in on the details") == []


def test_everyday_skill_words_count_only_in_lists() -> None:
    assert skills("customer research and data", "writing and editing the release notes") == []
    assert skills("Skills: research, writing, editing") == ["Research", "Writing", "Editing"]
    assert skills("the nursing home", "banking on luck") == []
    assert skills("Nursing, Triage, Wound Care") == ["Nursing", "Triage", "Wound Care"]
    assert skills("Leadership, communication and teamwork") == [
        "Leadership",
        "Communication",
        "Teamwork",
    ]
    assert skills("Data Scientist, NLP and Forecasting") == [
        "Natural Language Processing",
        "Forecasting",
    ]
    assert skills("identity checks with Risk and Compliance") == []


def test_urls_are_not_http_skills() -> None:
    assert skills("https://github.com/jane", "http://jane.dev") == []
    assert skills("HTTP/2, gRPC") == ["HTTP", "gRPC"]


def test_longest_phrase_wins() -> None:
    assert skills("Visual Studio Code, Visual Studio") == ["Visual Studio Code", "Visual Studio"]
    assert skills("Power BI, Power Query, Power Automate") == [
        "Power BI",
        "Power Query",
        "Power Automate",
    ]
    assert skills("SOC 2, SOC") == ["SOC 2", "Security Operations"]


def test_non_software_skills() -> None:
    found = skills(
        "Skills: GAAP, IFRS, month-end close, Bloomberg, Westlaw, legal research, BLS, ACLS, "
        "AutoCAD, SolidWorks, PLC programming, ladder logic, HACCP, forklift"
    )
    assert found == [
        "GAAP",
        "IFRS",
        "Month-End Close",
        "Bloomberg Terminal",
        "Westlaw",
        "Legal Research",
        "Basic Life Support",
        "ACLS",
        "AutoCAD",
        "SolidWorks",
        "PLC Programming",
        "Ladder Logic",
        "Food Safety",
        "Forklift Operation",
    ]


def test_soft_skills_are_generic() -> None:
    soft = [entry for entry in _entries() if entry["category"] == "soft_skills"]
    assert len(soft) >= 30
    assert all(entry.get("generic") for entry in soft)
    assert skills("Showed great initiative and flexibility") == []
    assert skills("Soft skills: initiative, flexibility, empathy") == [
        "Initiative",
        "Flexibility",
        "Empathy",
    ]
