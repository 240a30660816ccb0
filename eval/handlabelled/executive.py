# ruff: noqa: RUF001, RUF002 - the document uses typographic dashes, as real resumes do
"""A two-page executive resume: post-nominals after the name, a long executive profile, a
core-competencies grid, three titles held at one company grouped under it (a promotion
history, "2015 – Present" for the company and each title dated on its own), two titles on
one line for an earlier employer, an "Earlier career" line, board roles, and a running header
on page two. Hand-written text; the truth is executive.truth.json."""

from __future__ import annotations

from typing import Any

from eval.corpus.layouts import _story

FILENAME = "Andrew Fitzgerald - COO Resume.pdf"
CONTENT_TYPE = "application/pdf"

_CSS = """
* {font-family: sans-serif; font-size: 10pt; line-height: 1.35; color: #1a1a1a;}
h1 {font-size: 24pt; margin: 0; color: #0b2545; letter-spacing: 1pt;}
p.role {font-size: 11pt; margin: 2pt 0; color: #13315c; font-weight: bold;}
p.contact {margin: 0 0 6pt 0; font-size: 9.5pt;}
h2 {font-size: 11pt; color: #0b2545; margin: 12pt 0 4pt 0; padding-bottom: 1pt;
    border-bottom: 2px solid #8da9c4; letter-spacing: 1pt;}
table.firm {width: 100%; margin-top: 8pt;}
table.firm td {padding: 0; font-weight: bold; font-size: 10.5pt; color: #0b2545;}
p.blurb {font-style: italic; color: #444; margin: 0 0 3pt 0;}
table.title {width: 100%; margin-top: 4pt;}
table.title td {padding: 0; font-weight: bold;}
td.when {text-align: right;}
table.grid {width: 100%;}
table.grid td {padding: 1pt 4pt 1pt 0; width: 33%;}
ul {margin: 1pt 0 2pt 14pt;}
li {margin-bottom: 1pt;}
p {margin: 0 0 3pt 0;}
"""


def _firm(name: str, when: str) -> str:
    return f"<table class='firm'><tr><td>{name}</td><td class='when'>{when}</td></tr></table>"


def _title(title: str, when: str) -> str:
    return f"<table class='title'><tr><td>{title}</td><td class='when'>{when}</td></tr></table>"


_HTML = (
    "<h1>ANDREW FITZGERALD, GAICD</h1>"
    "<p class='role'>CHIEF OPERATING OFFICER &#183; FMCG MANUFACTURING &amp; SUPPLY CHAIN</p>"
    "<p class='contact'>Melbourne VIC &#183; +61 412 345 678 &#183; "
    "andrew.fitzgerald@example.com.au &#183; linkedin.com/in/andrewfitzgerald-coo</p>"
    "<h2>EXECUTIVE PROFILE</h2>"
    "<p>Operations executive with more than 25 years in food and beverage manufacturing across "
    "Australia and New Zealand, the last ten in executive roles at an ASX-listed business. I "
    "run large, multi-site operations that are safe, cost-competitive and ready for growth, and "
    "I have led the integration of four acquisitions worth a combined A$640 million. My teams "
    "have taken lost-time injuries down by 70 per cent, lifted overall equipment effectiveness "
    "by 14 points and delivered A$95 million in sustainable cost-out without closing a site.</p>"
    "<p>I am at my best where a business needs its operating model rebuilt: moving from "
    "site-by-site planning to a national supply chain, bringing a family-owned acquisition onto "
    "group systems, or preparing a network for a step-change in volume. I work closely with "
    "boards, unions, regulators and major retail customers, and I am known for developing "
    "leaders: five of my former direct reports are now general managers or above.</p>"
    "<h2>CORE COMPETENCIES</h2>"
    "<table class='grid'>"
    "<tr><td>P&amp;L Management (A$1.2B)</td><td>Mergers &amp; Acquisitions</td>"
    "<td>Supply Chain Transformation</td></tr>"
    "<tr><td>Lean Manufacturing</td><td>Capital Program Delivery</td>"
    "<td>Change Management</td></tr>"
    "<tr><td>Stakeholder Engagement</td><td>Food Safety (HACCP, SQF)</td>"
    "<td>SAP S/4HANA Implementation</td></tr>"
    "</table>"
    "<h2>PROFESSIONAL EXPERIENCE</h2>"
    + _firm("SOUTHERN CROSS FOODS LIMITED, Melbourne VIC", "2015 – Present")
    + "<p class='blurb'>ASX-listed manufacturer of dairy and bakery products; A$1.2B revenue, "
    "2,400 employees, nine manufacturing sites and four distribution centres.</p>"
    + _title("Chief Operating Officer", "2021 – Present")
    + "<p>Report to the CEO; accountable for manufacturing, supply chain, "
    "engineering, quality and safety. 1,900 people, A$310M operating budget, A$85M annual "
    "capital program.</p>"
    "<ul><li>Led the A$240M acquisition and 18-month integration of Alpine Bakehouse, "
    "delivering A$22M in synergies, 30 per cent above the board case.</li>"
    "<li>Consolidated three dairy sites into one automated facility at Shepparton on time and "
    "A$6M under budget, with no interruption to supply of major retail customers.</li>"
    "<li>Sponsored the group move to SAP S/4HANA across nine sites; go-live with no lost "
    "orders.</li>"
    "<li>Cut lost-time injury frequency rate from 6.1 to 1.8 through a visible-leadership "
    "safety program run with the unions.</li></ul>"
    + _title("Vice President, Supply Chain", "2018 – 2021")
    + "<ul><li>Built the national planning function, replacing nine site-level plans with one "
    "sales and operations process; forecast accuracy up from 61 to 83 per cent.</li>"
    "<li>Renegotiated freight and warehousing contracts worth A$140M a year, saving A$11M "
    "annually.</li>"
    "<li>Kept every major customer in full supply through the 2020 lockdowns.</li></ul>"
    + _title("General Manager, Manufacturing", "2015 – 2018")
    + "<ul><li>Introduced a Lean operating system at all sites; OEE from 58 to 72 per "
    "cent.</li>"
    "<li>Closed the loss-making Dandenong bakery with full redeployment or support for 140 "
    "staff.</li></ul>"
    + _firm("PACIFIC HARVEST GROUP, Sydney NSW", "2009 – 2015")
    + "<p class='blurb'>Privately owned snack food and beverage group; A$450M revenue.</p>"
    + _title("Director of Operations", "")
    + "<ul><li>Ran five plants and national logistics; grew output 40 per cent with two "
    "greenfield lines while holding unit cost flat.</li>"
    "<li>Led operational due diligence on two bolt-on acquisitions and integrated both.</li>"
    "<li>Achieved SQF certification at every site within two years.</li></ul>"
    + _firm("TASMAN DAIRY CO-OPERATIVE, Hamilton, New Zealand", "2001 – 2009")
    + "<p><b>Plant Manager</b> (2005 – 2009) &#183; <b>Production Engineer</b> (2001 – 2005)"
    "</p>"
    "<ul><li>Managed a 300-person milk powder plant processing 4 million litres a day; "
    "brought the plant from the bottom to the top quartile of the co-operative's cost "
    "league.</li>"
    "<li>As production engineer, commissioned two spray dryers and the plant's first "
    "clean-in-place automation.</li></ul>"
    "<h2>EARLIER CAREER</h2>"
    "<p>Graduate Process Engineer, Bayside Packaging Ltd, Geelong VIC (1998 – 2001)</p>"
    "<h2>EDUCATION &amp; CREDENTIALS</h2>"
    "<p><b>Master of Business Administration (Executive)</b> &#8211; Melbourne Business School, "
    "The University of Melbourne, 2012</p>"
    "<p><b>Bachelor of Engineering (Chemical) (Honours)</b> &#8211; Monash University, "
    "1994 – 1997</p>"
    "<p>Graduate, Australian Institute of Company Directors (GAICD), 2017</p>"
    "<p>Lean Six Sigma Black Belt, 2008</p>"
    "<h2>BOARD &amp; COMMUNITY</h2>"
    "<p>Non-Executive Director, Harvest Table Food Relief (registered charity), 2019 – Present"
    "</p>"
    "<p>Member, Dairy Manufacturers Technical Committee, 2012 – 2016</p>"
)


def render() -> bytes:
    def running_head(page: Any, number: int, count: int) -> None:
        if number > 0:
            page.insert_text(
                (56, 40), f"Andrew Fitzgerald  |  Page {number + 1} of {count}", fontsize=8.5
            )
            page.draw_line((56, 46), (539, 46), color=(0.55, 0.66, 0.77), width=0.6)

    return _story.flow(
        _HTML,
        _CSS,
        lambda n: [(56.0, 46.0 if n == 0 else 60.0, 539.0, 796.0)],
        running_head,
    )
