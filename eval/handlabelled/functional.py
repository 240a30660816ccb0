"""A functional (skills-first) resume: abilities with achievement bullets first, a terse
employment list at the end with years only, Canadian phone and address. Hand-written text;
the truth is functional.truth.json."""

from __future__ import annotations

from eval.corpus.layouts import _story

FILENAME = "danielle-arsenault-resume.pdf"
CONTENT_TYPE = "application/pdf"

_CSS = """
* {font-family: serif; font-size: 10.5pt; line-height: 1.3;}
h1 {font-size: 20pt; text-align: center; margin: 0; letter-spacing: 2pt;}
p.center {text-align: center; margin: 0;}
h2 {font-size: 11pt; margin: 12pt 0 2pt 0; border-bottom: 1px solid #000;}
h3 {font-size: 10.5pt; font-style: italic; margin: 6pt 0 0 0;}
ul {margin: 0 0 0 14pt;}
p {margin: 1pt 0;}
"""

_HTML = """
<h1>DANIELLE ARSENAULT</h1>
<p class="center">Halifax, NS B3H 1A1 &#183; (902) 555-0134 &#183; d.arsenault@example.com</p>
<h2>SUMMARY OF QUALIFICATIONS</h2>
<p>Client-focused coordinator with seven years in freight and customer service. Calm with
difficult accounts, quick with numbers, bilingual English/French.</p>
<h2>RELEVANT SKILLS</h2>
<h3>Client relations</h3>
<ul><li>Kept a portfolio of 60 shipping accounts; renewals rose from 71% to 88%.</li>
<li>Set up a Salesforce pipeline for the Atlantic region.</li></ul>
<h3>Operations and reporting</h3>
<ul><li>Built weekly volume reports in Microsoft Excel for the regional manager.</li>
<li>Cut billing disputes by a third by checking carrier invoices every month.</li></ul>
<h3>Training</h3>
<ul><li>Trained eleven new coordinators on dispatch software and booking rules.</li></ul>
<h2>EMPLOYMENT HISTORY</h2>
<p>Account Coordinator, Harbourline Freight, Halifax, NS &#8212; 2018&#8211;present</p>
<p>Customer Service Representative, Maritime Parcel Co., Moncton, NB &#8212; 2015&#8211;2018</p>
<h2>EDUCATION</h2>
<p>Diploma in Business Administration &#8212; Nova Scotia Community College, 2015</p>
<h2>LANGUAGES</h2>
<p>English and French (both fluent)</p>
"""


def render() -> bytes:
    return _story.flow(_HTML, _CSS, lambda _: [(60.0, 50.0, 535.0, 790.0)])
