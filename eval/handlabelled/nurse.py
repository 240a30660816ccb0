# ruff: noqa: RUF001 - the document uses typographic dashes, as real resumes do
"""A US registered nurse's resume on Letter paper: credentials after the name ("RN, BSN"),
licensure and certifications with licence numbers and expiry dates, clinical experience with
the unit after the title, a table of student clinical rotations (hospitals and hours that are
not jobs), and a skills line in clinical shorthand. Hand-written text; the truth is
nurse.truth.json."""

from __future__ import annotations

from eval.handlabelled import _letter

FILENAME = "Villanueva_MariaTeresa_RN.pdf"
CONTENT_TYPE = "application/pdf"

_CSS = """
* {font-family: sans-serif; font-size: 10pt; line-height: 1.3;}
h1 {font-size: 17pt; margin: 0; text-align: center; color: #004d66;}
p.contact {text-align: center; margin: 2pt 0 4pt 0;}
h2 {font-size: 10.5pt; color: #004d66; margin: 10pt 0 3pt 0; border-bottom: 1px solid #004d66;}
table.head {width: 100%; margin-top: 5pt;}
table.head td {padding: 0;}
td.when {text-align: right;}
table.rot {width: 100%; border-collapse: collapse;}
table.rot td, table.rot th {border-bottom: 0.5px solid #bbb; padding: 1pt 3pt; font-size: 9.5pt;
                            text-align: left;}
ul {margin: 1pt 0 0 14pt;}
p {margin: 0 0 2pt 0;}
"""


def _job(title: str, when: str, where: str, bullets: tuple[str, ...]) -> str:
    items = "".join(f"<li>{bullet}</li>" for bullet in bullets)
    return (
        f"<table class='head'><tr><td><b>{title}</b></td><td class='when'>{when}</td></tr>"
        f"</table><p><i>{where}</i></p><ul>{items}</ul>"
    )


_ROTATIONS = (
    ("Medical-Surgical", "Gulf Coast Regional Hospital", "120"),
    ("Pediatrics", "Bayou Children's Hospital", "90"),
    ("Obstetrics / Labor &amp; Delivery", "Houston Women's Center", "90"),
    ("Psychiatric–Mental Health", "Harris Behavioral Health", "90"),
    ("Senior Preceptorship – Cardiovascular ICU", "Bayou City Medical Center", "180"),
)

_HTML = (
    "<h1>MARIA TERESA VILLANUEVA, RN, BSN</h1>"
    "<p class='contact'>Houston, TX 77030 &#124; (713) 482-0916 &#124; "
    "mtvillanueva.rn@example.com</p>"
    "<h2>PROFESSIONAL SUMMARY</h2>"
    "<p>Registered nurse with four years on a busy cardiac step-down unit and two years as a "
    "patient care technician before that. Calm under pressure, strong with families, and "
    "comfortable precepting new graduates. Looking for a progressive care or cardiac ICU "
    "position in the Texas Medical Center.</p>"
    "<h2>LICENSURE &amp; CERTIFICATIONS</h2>"
    "<ul><li>Registered Nurse, Texas Board of Nursing &#8211; License #912345 (multistate "
    "compact), exp. 03/2026</li>"
    "<li>Basic Life Support (BLS) &#8211; American Heart Association, exp. 08/2025</li>"
    "<li>Advanced Cardiac Life Support (ACLS) &#8211; American Heart Association, exp. 08/2025"
    "</li>"
    "<li>Progressive Care Certified Nurse (PCCN) &#8211; AACN, 2022</li></ul>"
    "<h2>CLINICAL EXPERIENCE</h2>"
    + _job(
        "Registered Nurse, Cardiac Step-Down Unit (32 beds)",
        "06/2020 – Present",
        "Bayou City Medical Center, Houston, TX",
        (
            "Care for 4–5 telemetry patients per shift: post-PCI, heart failure, arrhythmias.",
            "Titrate cardiac drips (diltiazem, heparin, amiodarone) per protocol; IV therapy "
            "and medication administration for high-acuity patients.",
            "Charge nurse two shifts a month; preceptor to six new-graduate RNs.",
            "Unit Practice Council member; led the 2023 falls-reduction project (falls down 35%).",
        ),
    )
    + _job(
        "Patient Care Technician (PCT)",
        "01/2018 – 05/2020",
        "Gulf Coast Regional Hospital, Pasadena, TX",
        (
            "Vital signs, 12-lead ECGs, phlebotomy and bedside glucose checks on a 28-bed "
            "medical-surgical floor while completing my BSN.",
        ),
    )
    + "<h2>CLINICAL ROTATIONS</h2>"
    "<p><i>Completed as part of the BSN program, 2018 – 2020</i></p>"
    "<table class='rot'><tr><th>Specialty</th><th>Facility</th><th>Hours</th></tr>"
    + "".join(
        f"<tr><td>{specialty}</td><td>{facility}</td><td>{hours}</td></tr>"
        for specialty, facility, hours in _ROTATIONS
    )
    + "</table>"
    "<h2>EDUCATION</h2>"
    "<p><b>Bachelor of Science in Nursing (BSN)</b>, cum laude &#8211; UTHealth Houston Cizik "
    "School of Nursing, Houston, TX &#8211; May 2020</p>"
    "<p><b>Associate of Science (Pre-Nursing)</b> &#8211; Houston Community College, Houston, "
    "TX &#8211; May 2017</p>"
    "<h2>SKILLS</h2>"
    "<p>Telemetry &amp; cardiac monitoring &#183; 12-lead ECG interpretation &#183; IV therapy "
    "&#183; Medication administration &#183; Wound care &#183; Patient education &#183; Epic "
    "EHR &#183; Phlebotomy</p>"
    "<h2>LANGUAGES</h2>"
    "<p>English (fluent), Tagalog (native), Spanish (conversational medical Spanish)</p>"
)


def render() -> bytes:
    return _letter.flow(_HTML, _CSS, margins=(50.0, 40.0, 50.0, 40.0))
