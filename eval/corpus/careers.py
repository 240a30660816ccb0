"""Career families: job titles, the taxonomy categories a person's skills come from, and the
words of their bullets and summaries.

Every string here is checked (tests/test_corpus.py) to mention no skill: only the ``{skill}``
slots do, filled with one of the person's own skills, so the truth's skill list stays exact.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Family:
    key: str
    titles: tuple[str, ...]
    categories: tuple[str, ...]  # skills.json categories, most typical first
    things: tuple[str, ...]  # what the person's bullets talk about
    domain: str  # "... years of experience in {domain}"
    fields: tuple[str, ...]  # fields of study


FAMILIES: tuple[Family, ...] = (
    Family(
        "software",
        (
            "Software Engineer",
            "Backend Developer",
            "Frontend Developer",
            "Web Developer",
            "Software Developer",
            "Application Developer",
            "Programmer Analyst",
        ),
        ("language", "web", "backend", "database", "testing", "engineering", "tools"),
        (
            "the checkout service",
            "the public API",
            "the billing platform",
            "the search backend",
            "the customer portal",
            "the internal admin tools",
            "the booking engine",
        ),
        "building web platforms",
        ("Computer Science", "Software Engineering", "Information Systems", "Mathematics"),
    ),
    Family(
        "data",
        (
            "Data Analyst",
            "Data Scientist",
            "Analytics Engineer",
            "Applied Scientist",
            "Quantitative Analyst",
        ),
        ("data_ml", "database", "language", "business"),
        (
            "the churn model",
            "the weekly revenue dashboard",
            "the month-end reconciliation",
            "the demand forecast",
            "the pricing model",
            "the chargeback rules",
        ),
        "turning data into decisions",
        ("Mathematics", "Physics", "Economics", "Computer Science", "Applied Mathematics"),
    ),
    Family(
        "platform",
        (
            "Site Reliability Engineer",
            "Platform Engineer",
            "Cloud Engineer",
            "Systems Administrator",
            "Infrastructure Engineer",
            "Network Engineer",
        ),
        ("cloud_devops", "security", "language", "database"),
        (
            "the deployment pipeline",
            "the monitoring stack",
            "the on-call rotation",
            "the cloud migration",
            "the failover runbook",
            "the build farm",
        ),
        "running reliable infrastructure",
        ("Computer Science", "Electrical Engineering", "Information Technology"),
    ),
    Family(
        "design",
        (
            "Product Designer",
            "Service Designer",
            "Visual Designer",
            "Interaction Designer",
            "Graphic Designer",
            "Creative Director",
        ),
        ("design", "tools", "web"),
        (
            "the sign-up flow",
            "the brand refresh",
            "the customer portal",
            "the checkout redesign",
            "the component library",
            "the mobile wallet app",
        ),
        "designing digital products",
        ("Furniture Design", "Visual Arts", "Fine Arts", "Human-Computer Interaction"),
    ),
    Family(
        "business",
        (
            "Financial Analyst",
            "Account Manager",
            "Operations Manager",
            "Business Analyst",
            "Project Manager",
            "Management Consultant",
            "Finance Manager",
            "Office Manager",
            "Category Buyer",
        ),
        ("business", "tools", "data_ml"),
        (
            "the quarterly close",
            "the supplier portfolio",
            "the annual budget",
            "the regional expansion",
            "the customer renewal process",
            "the vendor approval process",
        ),
        "finance and operations",
        ("Business Administration", "Economics", "Finance", "International Business", "Management"),
    ),
    Family(
        "hardware",
        (
            "Controls Engineer",
            "Embedded Engineer",
            "Electrical Engineer",
            "Mechanical Engineer",
            "Test Engineer",
            "Hardware Engineer",
        ),
        ("embedded", "engineering", "language", "tools"),
        (
            "the motor controller code",
            "the test rig",
            "the sensor board",
            "the battery management unit",
            "the production line tooling",
            "the field updates",
        ),
        "hardware products",
        ("Electrical Engineering", "Mechanical Engineering", "Mechatronics", "Physics"),
    ),
    Family(
        "mobile",
        ("Mobile Developer", "Mobile Engineer", "App Developer", "Mobile Software Engineer"),
        ("mobile", "language", "web", "testing"),
        (
            "the consumer app",
            "the offline mode",
            "the payments screen",
            "the push notification service",
            "the app release train",
        ),
        "mobile apps",
        ("Computer Science", "Software Engineering", "Computer Engineering"),
    ),
)

SENIORITY = ("", "", "", "Senior ", "Lead ", "Junior ", "Principal ", "Staff ")

# Bullets. {n} a small count, {pct} a percentage, {thing} a family noun phrase, {big} a
# sum of money, {users} a number of users, {skill} one of the person's plain skills (these
# need one to be used).
BULLETS = (
    "Led a team of {n} to deliver {thing} two months ahead of schedule.",
    "Reduced costs by {pct}% by reworking {thing}.",
    "Cut processing time by {pct}% after rebuilding {thing}.",
    "Owned {thing} end to end, from requirements to rollout.",
    "Coached {n} junior colleagues; two were promoted within a year.",
    "Coordinated {n} external vendors during the overhaul of {thing}.",
    "Wrote the runbooks and trained {n} colleagues on {thing}.",
    "Designed and ran {n} experiments on {thing}, lifting conversion by {pct}%.",
    "Improved customer satisfaction scores from 3.{n} to 4.{n} with changes to {thing}.",
    "Took over {thing} from an outside agency and halved its error rate.",
    "Launched {thing} in {n} new markets with a team spread over three time zones.",
    "Reported progress on {thing} to the executive team every quarter.",
    "Saved roughly {big} a year by renegotiating contracts around {thing}.",
)
SKILL_BULLETS = (
    "Built {thing} with {skill}, serving {users} users.",
    "Introduced {skill} across the team, cutting review time by {pct}%.",
    "Automated {thing} using {skill}, saving {n}0 hours a month.",
    "Migrated {thing} to {skill} with zero downtime.",
    "Rewrote {thing} in {skill}; latency dropped by {pct}%.",
)
USERS = ("2 million", "40,000", "350,000", "1.2 million", "80,000")
BIG = ("EUR 180k", "USD 250k", "GBP 90k", "EUR 1.1 million", "USD 400,000")

SUMMARIES = (
    "{title} with {years} years of experience in {domain}.",
    "Curious and pragmatic {title_lower} with {years} years in {domain}.",
    "{title} who has spent {years} years in {domain}, most recently at {company}.",
    "Results-driven {title_lower}; {years} years of experience in {domain}.",
)
SUMMARY_TAILS = (
    "I enjoy untangling messy problems and explaining the result in plain words.",
    "Known for calm delivery under pressure and clear, friendly emails.",
    "Looking for a role with more ownership in a growing team.",
    "Happiest when working closely with customers and shipping often.",
    "",
)

# Categories whose skills read naturally in "Built X with {skill}".
TOOL_CATEGORIES = frozenset(
    {
        "language",
        "web",
        "backend",
        "database",
        "cloud_devops",
        "data_ml",
        "mobile",
        "testing",
    }
)

PROJECTS = (
    ("Open data portal", "A volunteer project publishing city budget data for residents."),
    ("Carpool planner", "A weekend side project that matches neighbours for school runs."),
    ("Community meetup", "Organised a monthly meetup with talks from local practitioners."),
    ("Thesis prototype", "The working prototype built for a final-year thesis."),
    ("Budget tracker", "A small tool for households to track shared expenses."),
    ("Hackathon winner", "First prize at a regional hackathon with a team of four."),
)


def title(rng: random.Random, family: Family) -> str:
    return rng.choice(SENIORITY) + rng.choice(family.titles)
