"""Write the demo's sample resumes: five text PDFs and one plain-text file.

    python scripts/make_samples.py [--out samples]

The people are fictional (emails on example.com/.org/.net, phone numbers from fictional or
arbitrary ranges). Output is deterministic: no timestamps, no random document ids, so running it
again changes nothing unless this file changed. The PDFs use the PDF base fonts, which are not
embedded, so each file stays a few KB; base fonts only cover Latin-1, so names stay within it
and bullets are drawn, as many resume generators do.
"""

from __future__ import annotations

import argparse
import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PAGE_W, PAGE_H = 595.0, 842.0  # A4 in points
MARGIN = 56.0
BOTTOM = PAGE_H - 64.0
BODY = 10.0
GREY = (0.35, 0.35, 0.35)


@dataclass(frozen=True)
class Job:
    title: str
    company: str
    dates: str
    bullets: tuple[str, ...]


@dataclass(frozen=True)
class Resume:
    slug: str
    name: str
    title: str
    contacts: tuple[str, ...]
    summary: str
    skills: tuple[tuple[str, str], ...]
    jobs: tuple[Job, ...]
    education: tuple[str, ...]
    extra: tuple[tuple[str, tuple[str, ...]], ...] = ()
    kicker: str = ""  # a small line above the name ("CURRICULUM VITAE")
    contacts_right: bool = False  # contacts in a column beside the name


@dataclass
class _Writer:
    """Lays text out top to bottom, wrapping lines and breaking pages."""

    fitz: Any
    doc: Any
    page: Any = None
    y: float = 0.0

    def new_page(self) -> None:
        self.page = self.doc.new_page(width=PAGE_W, height=PAGE_H)
        self.y = MARGIN + 10

    def need(self, height: float) -> None:
        if self.page is None or self.y + height > BOTTOM:
            self.new_page()

    def text(
        self,
        x: float,
        text: str,
        *,
        size: float = BODY,
        bold: bool = False,
        color: tuple[float, float, float] = (0, 0, 0),
    ) -> None:
        self.page.insert_text(
            (x, self.y), text, fontname="hebo" if bold else "helv", fontsize=size, color=color
        )

    def wrapped(self, text: str, *, indent: float = 0.0, size: float = BODY) -> list[str]:
        width = PAGE_W - 2 * MARGIN - indent
        lines: list[str] = []
        current = ""
        for word in text.split():
            trial = f"{current} {word}".strip()
            if self.fitz.get_text_length(trial, fontname="helv", fontsize=size) > width:
                lines.append(current)
                current = word
            else:
                current = trial
        return [*lines, current] if current else lines

    def paragraph(self, text: str, *, indent: float = 0.0, bullet: bool = False) -> None:
        for index, line in enumerate(self.wrapped(text, indent=indent)):
            self.need(BODY * 1.45)
            if bullet and index == 0:
                self.page.draw_circle((MARGIN + indent - 7, self.y - 3.2), 1.6, fill=(0, 0, 0))
            self.text(MARGIN + indent, line)
            self.y += BODY * 1.45

    def heading(self, text: str) -> None:
        self.need(40)
        self.y += 10
        self.text(MARGIN, text.upper(), size=12, bold=True)
        self.page.draw_line((MARGIN, self.y + 4), (PAGE_W - MARGIN, self.y + 4), color=GREY)
        self.y += 20


def render_pdf(resume: Resume) -> bytes:
    fitz = importlib.import_module("pymupdf")
    doc = fitz.open()
    out = _Writer(fitz, doc)
    out.new_page()
    if resume.kicker:
        out.text(MARGIN, resume.kicker, size=9, color=GREY)
        out.y += 24
    out.text(MARGIN, resume.name, size=22, bold=True)
    if resume.contacts_right:
        top = out.y - 14
        for index, line in enumerate(resume.contacts):
            width = fitz.get_text_length(line, fontname="helv", fontsize=9)
            out.page.insert_text(
                (PAGE_W - MARGIN - width, top + index * 12), line, fontname="helv", fontsize=9
            )
    out.y += 20
    out.text(MARGIN, resume.title, size=12, color=GREY)
    out.y += 16
    if not resume.contacts_right:
        for line in resume.contacts:
            out.text(MARGIN, line, size=9.5)
            out.y += 13
    else:
        out.y = max(out.y, top + len(resume.contacts) * 12 + 6)

    out.heading("Summary")
    out.paragraph(resume.summary)
    out.heading("Experience")
    for job in resume.jobs:
        out.need(40)
        out.y += 4
        out.text(MARGIN, f"{job.title}, {job.company}", bold=True)
        width = fitz.get_text_length(job.dates, fontname="helv", fontsize=BODY)
        out.text(PAGE_W - MARGIN - width, job.dates, color=GREY)
        out.y += BODY * 1.6
        for bullet in job.bullets:
            out.paragraph(bullet, indent=12, bullet=True)
    out.heading("Skills")
    for label, items in resume.skills:
        out.paragraph(f"{label}: {items}")
    out.heading("Education")
    for line in resume.education:
        out.paragraph(line)
    for title, lines in resume.extra:
        out.heading(title)
        for line in lines:
            out.paragraph(line)

    out.page = None  # a new page invalidates the previous page objects: look them up again
    if doc.page_count > 1:
        for number in range(1, doc.page_count + 1):
            page = doc[number - 1]
            footer = f"Page {number} of {doc.page_count}"
            width = fitz.get_text_length(footer, fontname="helv", fontsize=8)
            page.insert_text(((PAGE_W - width) / 2, PAGE_H - 30), footer, fontsize=8, color=GREY)
    doc.set_metadata(
        {
            "title": f"{resume.name} - Resume",
            "author": resume.name,
            "creator": "scripts/make_samples.py",
            "producer": "PyMuPDF",
            "creationDate": "",
            "modDate": "",
        }
    )
    data: bytes = doc.tobytes(garbage=4, deflate=True, clean=True, no_new_id=True)
    doc.close()
    return data


RESUMES: tuple[Resume, ...] = (
    Resume(
        slug="amelia-clarke",
        name="Amelia Clarke",
        title="Senior Product Manager",
        contacts=(
            "amelia.clarke@example.com",
            "020 7946 0958",
            "London, United Kingdom",
            "linkedin.com/in/amelia-clarke",
        ),
        contacts_right=True,
        summary=(
            "Product manager with nine years of experience shipping payments and onboarding "
            "products for fintech companies. I turn customer research and data into roadmaps "
            "that engineering teams believe in, and I like to go deep on metrics before I go "
            "wide on features."
        ),
        jobs=(
            Job(
                "Senior Product Manager",
                "Northwind Payments",
                "2021 - present",
                (
                    "Own the merchant onboarding journey; cut time-to-first-payment from 6 days to "
                    "36 hours by redesigning identity checks with Risk and Compliance.",
                    "Run a quarterly OKR process for three squads and keep stakeholders across "
                    "Sales, Legal and Operations aligned on one roadmap.",
                    "Introduced A/B testing with Google Analytics and Amplitude; 40 experiments "
                    "a year.",
                ),
            ),
            Job(
                "Product Manager",
                "Fabrikam Bank",
                "2017 - 2021",
                (
                    "Launched the bank's first mobile savings pots, adopted by 310,000 customers.",
                    "Wrote SQL to size opportunities and worked daily in Jira and Confluence with "
                    "a Scrum team of eight.",
                ),
            ),
            Job(
                "Business Analyst",
                "Contoso Consulting",
                "2015 - 2017",
                (
                    "Mapped processes and requirements for retail banking clients; ran workshops "
                    "with up to 30 stakeholders.",
                ),
            ),
        ),
        skills=(
            ("Product", "Product Management, Product Strategy, Agile, Scrum, OKRs, Roadmapping"),
            ("Data", "SQL, A/B Testing, Google Analytics, Tableau"),
            ("Tools", "Jira, Confluence, Figma, Microsoft Excel"),
        ),
        education=(
            "BSc Economics, University of Manchester, 2011 - 2014. First-class honours; "
            "dissertation on mobile money adoption in East Africa.",
        ),
    ),
    Resume(
        slug="jose-alvarez-nunez",
        name="JOSÉ ÁLVAREZ-NÚÑEZ",
        kicker="CURRICULUM VITAE",
        title="Backend Engineer - Java & Kotlin",
        contacts=(
            "Calle de Alcalá 123, 28009 Madrid, Spain",
            "+34 612 345 678  |  jose.alvarez@example.org",
            "github.com/jalvarez-dev  |  https://www.linkedin.com/in/josealvareznunez/",
        ),
        summary=(
            "Backend engineer who has spent eight years building high-throughput services on "
            "the JVM. Comfortable owning a service from design document to on-call rotation, "
            "and happiest when a system is boring in production."
        ),
        jobs=(
            Job(
                "Staff Backend Engineer",
                "Tailspin Travel",
                "2020 - present",
                (
                    "Lead the booking platform team (7 engineers): Java 17 and Kotlin services on "
                    "Spring Boot, PostgreSQL and Apache Kafka, 4,000 requests per second at peak.",
                    "Split a monolith into twelve microservices behind gRPC and REST APIs without "
                    "downtime, using the strangler pattern over eighteen months.",
                    "Moved deployments to Kubernetes with Helm and Argo CD; lead time went from a "
                    "week to under a day.",
                    "Mentor four engineers and run the backend guild's design reviews.",
                ),
            ),
            Job(
                "Senior Software Engineer",
                "Litware Logistics",
                "2017 - 2020",
                (
                    "Built the shipment tracking pipeline on RabbitMQ and Redis handling 20 "
                    "million events a day; introduced contract tests with JUnit and "
                    "Testcontainers.",
                    "Reduced AWS costs by 35% by right-sizing EC2 fleets and moving batch jobs to "
                    "spot instances with Terraform.",
                ),
            ),
            Job(
                "Software Engineer",
                "Adventure Works",
                "2015 - 2017",
                (
                    "Maintained a Hibernate-based order system; wrote the migration from Oracle to "
                    "PostgreSQL and cut report times from minutes to seconds.",
                    "Automated builds with Jenkins and Maven; introduced code review for every "
                    "change.",
                ),
            ),
            Job(
                "Junior Developer",
                "Universidad Politécnica de Madrid",
                "2014 - 2015",
                (
                    "Research assistant in the distributed systems group; wrote simulation tools "
                    "in Java and Python.",
                ),
            ),
        ),
        skills=(
            ("Languages", "Java, Kotlin, SQL, Python, Bash"),
            ("Frameworks", "Spring Boot, Hibernate, JUnit"),
            ("Data & messaging", "PostgreSQL, Redis, Apache Kafka, RabbitMQ, Elasticsearch"),
            ("Infrastructure", "Docker, Kubernetes, Helm, Terraform, AWS, Prometheus, Grafana"),
        ),
        education=(
            "MSc Distributed Systems, Universidad Politécnica de Madrid, 2013 - 2015. Thesis on "
            "consensus protocols for geo-replicated databases.",
            "BSc Computer Engineering, Universidad Complutense de Madrid, 2009 - 2013.",
        ),
        extra=(
            ("Languages", ("Spanish (native), English (C1), Portuguese (B1)",)),
            (
                "Talks",
                (
                    '"Sagas without tears", Commit Conf Madrid 2022.',
                    '"Kafka consumers that survive Black Friday", JBCNConf 2023.',
                ),
            ),
        ),
    ),
    Resume(
        slug="priya-venkataraman",
        name="Priya Venkataraman",
        title="Data Scientist, NLP and Forecasting",
        contacts=(
            "Bengaluru, Karnataka, India  |  +91-98450 12345  |  priya.v@example.net",
            "https://github.com/priyav-ml  |  https://priyav.dev",
        ),
        summary=(
            "Data scientist with six years of experience in demand forecasting and natural "
            "language processing for e-commerce. I build models that ship: from the notebook "
            "to a monitored service, with the business metric agreed up front."
        ),
        jobs=(
            Job(
                "Senior Data Scientist",
                "Wide World Importers India",
                "2021 - present",
                (
                    "Built the demand forecasting system for 1.2 million products with LightGBM "
                    "and PyTorch; forecast error fell by 18% against the previous model.",
                    "Lead a team of three; introduced MLflow for experiment tracking and Airflow "
                    "for retraining pipelines on Apache Spark.",
                    "Fine-tuned transformer models from Hugging Face to route customer queries "
                    "in English, Hindi and Tamil.",
                ),
            ),
            Job(
                "Data Scientist",
                "Proseware Analytics",
                "2018 - 2021",
                (
                    "Delivered churn and lifetime-value models in Python (pandas, NumPy, "
                    "scikit-learn) for retail clients; presented results to leadership in Tableau.",
                    "Wrote the team's SQL style guide and its first unit tests with pytest.",
                ),
            ),
        ),
        skills=(
            ("Programming", "Python, R, SQL"),
            (
                "Machine learning",
                "scikit-learn, TensorFlow, PyTorch, XGBoost, NLP, Time Series Forecasting",
            ),
            ("Data", "pandas, NumPy, Apache Spark, Airflow, Tableau, AWS"),
        ),
        education=(
            "M.Tech Computational and Data Sciences, Indian Institute of Science, Bengaluru, "
            "2016 - 2018.",
            "B.E. Computer Science, Anna University, Chennai, 2012 - 2016.",
        ),
        extra=(
            (
                "Publications",
                (
                    "P. Venkataraman, R. Iyer. Hierarchical forecasting for long-tail catalogues. "
                    "KDD Applied Data Science Track, 2023.",
                ),
            ),
        ),
    ),
    Resume(
        slug="michael-oconnor",
        name="Michael O'Connor",
        title="Site Reliability Engineer",
        contacts=(
            "Austin, TX 78701",
            "(512) 555-0147",
            "mike.oconnor@example.com",
            "github.com/moconnor-sre  |  https://mikeoconnor.io",
        ),
        summary=(
            "SRE with ten years in operations and platform engineering. The go-to person for "
            "incident response on my teams; I write Go and Python to automate toil away and "
            "treat reliability as a product feature."
        ),
        jobs=(
            Job(
                "Senior Site Reliability Engineer",
                "Blue Yonder Airlines",
                "2019 - present",
                (
                    "Run the Kubernetes platform (14 clusters on AWS and GCP) for 300 engineers; "
                    "99.98% availability for customer-facing services over three years.",
                    "Wrote the deployment tooling in Go; every service ships through GitHub "
                    "Actions, Helm and Argo CD.",
                    "Built SLO dashboards and alerting with Prometheus, Grafana and OpenTelemetry; "
                    "pages per week dropped from 25 to 4.",
                ),
            ),
            Job(
                "DevOps Engineer",
                "Woodgrove Health",
                "2015 - 2019",
                (
                    "Moved 60 applications from a data center to AWS with Terraform and Ansible.",
                    "Kept PostgreSQL and Redis fleets healthy; automated backups and failover "
                    "drills in Python and Bash.",
                    "Replaced a fragile Jenkins setup with pipeline-as-code and reusable "
                    "templates.",
                ),
            ),
            Job(
                "Systems Administrator",
                "City of Austin",
                "2013 - 2015",
                ("Administered Linux and Windows Server estates, Active Directory and VMware.",),
            ),
        ),
        skills=(
            ("Languages", "Go, Python, Bash"),
            ("Platform", "Kubernetes, Helm, Docker, Terraform, Ansible, AWS, GCP, Linux"),
            ("Observability", "Prometheus, Grafana, OpenTelemetry, Datadog"),
            ("Delivery", "GitHub Actions, Jenkins, Argo CD, CI/CD"),
        ),
        education=("BS Computer Science, The University of Texas at Austin, 2009 - 2013.",),
        extra=(
            (
                "Certifications",
                (
                    "Certified Kubernetes Administrator (CKA), 2021. AWS Certified Solutions "
                    "Architect - Professional, 2020.",
                ),
            ),
        ),
    ),
    Resume(
        slug="zoe-fischer",
        name="Zoë Fischer",
        title="Frontend Engineer",
        contacts=(
            "Berlin, Germany  |  Mobil: 0151 2345 6789  |  zoe.fischer@example.org",
            "linkedin.com/in/zoefischer  |  github.com/zoefischer",
        ),
        summary=(
            "Frontend engineer focused on accessible, fast interfaces. Five years with React "
            "and TypeScript in product teams, and a soft spot for design systems."
        ),
        jobs=(
            Job(
                "Frontend Engineer",
                "Trey Research GmbH",
                "2021 - present",
                (
                    "Lead developer of the design system (React, TypeScript, Storybook) used by "
                    "nine product teams; accessibility audits to WCAG 2.1 AA.",
                    "Migrated the customer portal to Next.js; Largest Contentful Paint improved "
                    "from 4.1 s to 1.6 s.",
                    "Set up end-to-end tests with Cypress and unit tests with Jest in CI.",
                ),
            ),
            Job(
                "Web Developer",
                "Agentur Lichtblick",
                "2019 - 2021",
                (
                    "Built campaign sites and shops with Vue.js, Node.js and GraphQL for retail "
                    "clients; pixel-perfect from Figma designs.",
                ),
            ),
        ),
        skills=(
            (
                "Frontend",
                "TypeScript, JavaScript, React, Next.js, Vue.js, HTML, CSS, Tailwind CSS",
            ),
            ("Backend & tooling", "Node.js, GraphQL, Jest, Cypress, Webpack, Git"),
            ("Design", "Figma, Accessibility, Design Systems"),
        ),
        education=(
            "B.Sc. Medieninformatik, Hochschule für Technik und Wirtschaft Berlin, 2015 - 2019.",
        ),
        extra=(("Languages", ("German (native), English (fluent), French (basic)",)),),
    ),
)

PLAIN_TEXT_RESUME = """\
NGUYỄN MINH ANH
Mobile Developer (Flutter / Android)
Ho Chi Minh City, Vietnam
Phone: +84 90 123 4567
Email: minhanh.nguyen@example.com
GitHub: github.com/minhanh-nguyen

SUMMARY
Mobile developer with five years of experience building consumer apps for Android and iOS.
Shipped four apps with more than a million installs each.

EXPERIENCE
Senior Mobile Developer - Lotus Fintech, Ho Chi Minh City (2021 - present)
- Rebuilt the e-wallet app in Flutter and Dart; one codebase for Android and iOS.
- Integrated Firebase analytics and crash reporting; crash-free sessions rose to 99.7%.
- Set up CI/CD with GitHub Actions and Fastlane for weekly releases.

Android Developer - Saigon Apps (2019 - 2021)
- Wrote Kotlin apps with Jetpack Compose and REST APIs; maintained legacy Java modules.
- Worked with the iOS team on shared features in Swift.

SKILLS
Flutter, Dart, Kotlin, Java, Swift, Jetpack Compose, Firebase, REST APIs, SQLite, Git, CI/CD

EDUCATION
B.Eng. Software Engineering, Ho Chi Minh City University of Technology, 2015 - 2019
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", type=Path, default=Path("samples"), help="output directory")
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    for resume in RESUMES:
        path = out / f"{resume.slug}.pdf"
        path.write_bytes(render_pdf(resume))
        print(f"wrote {path}")
    path = out / "nguyen-minh-anh.txt"
    path.write_text(PLAIN_TEXT_RESUME, encoding="utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
