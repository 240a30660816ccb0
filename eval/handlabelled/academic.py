"""An academic CV over two pages: education first (with thesis titles), appointments instead
of jobs, then publications, grants and teaching full of years, names and venues that are not
employment. Hand-written text; the truth is academic.truth.json."""

from __future__ import annotations

from eval.corpus.layouts import _story

FILENAME = "eleanor-whitfield-cv.pdf"
CONTENT_TYPE = "application/pdf"

_CSS = """
* {font-family: serif; font-size: 10.5pt; line-height: 1.35;}
h1 {font-size: 17pt; margin: 0; font-variant: small-caps;}
h2 {font-size: 11.5pt; margin: 14pt 0 3pt 0; font-variant: small-caps;}
p {margin: 1pt 0;}
p.item {margin: 4pt 0 0 0;}
p.ref {margin: 3pt 0 0 18pt; text-indent: -18pt;}
td {vertical-align: top; padding: 1pt 3pt;}
"""

_HTML = """
<h1>Eleanor Whitfield, PhD</h1>
<p>Curriculum Vitae &#8212; updated March 2025</p>
<p>Department of Earth Sciences, University of Bristol, Bristol BS8 1RJ, United Kingdom</p>
<p>eleanor.whitfield@example.ac.uk &#183; +44 20 7946 0321 &#183;
orcid.org/0000-0002-1825-0097</p>

<h2>Education</h2>
<table>
<tr><td width="90">2014&#8211;2018</td><td><b>Ph.D. in Geophysics</b>,
University of Cambridge<br/>Thesis: <i>Seismic anisotropy beneath the East African Rift</i>.
Supervisor: Prof. A. Lindqvist.</td></tr>
<tr><td>2013&#8211;2014</td><td><b>MSc in Applied Geophysics</b>, Imperial College London
(Distinction)</td></tr>
<tr><td>2010&#8211;2013</td><td><b>BSc (Hons) in Geology</b>, University of Leeds &#8212;
First Class Honours</td></tr>
</table>

<h2>Academic Appointments</h2>
<table>
<tr><td width="90">2022&#8211;present</td><td><b>Lecturer in Geophysics</b>,
University of Bristol</td></tr>
<tr><td>2018&#8211;2022</td><td><b>Postdoctoral Research Associate</b>,
Institut de Physique du Globe de Paris, France</td></tr>
</table>

<h2>Selected Publications</h2>
<p class="ref">[1] Whitfield, E., Okonjo, T. &amp; Marsh, R. (2024). Melt pockets and shear-wave
splitting in the Main Ethiopian Rift. <i>Geophysical Journal International</i>, 236(2),
811&#8211;829.</p>
<p class="ref">[2] Whitfield, E. &amp; Lindqvist, A. (2021). A decade of broadband recordings from
Afar. <i>Earth and Planetary Science Letters</i>, 563, 116873.</p>
<p class="ref">[3] Duval, C., Whitfield, E. et al. (2020). Crustal thickness from receiver
functions across the Danakil depression. <i>Tectonophysics</i>, 781, 228401.</p>
<p class="ref">[4] Whitfield, E. (2018). Anisotropy and melt: constraints from the East African
Rift. PhD thesis, University of Cambridge.</p>

<h2>Grants and Awards</h2>
<p class="item">2023 &#8212; NERC Discovery Science grant, &#163;412,000, principal
investigator.</p>
<p class="item">2019 &#8212; Marie Sk&#322;odowska-Curie Individual Fellowship (declined).</p>
<p class="item">2017 &#8212; Best student poster, European Geosciences Union General Assembly.</p>

<h2>Teaching</h2>
<p class="item">Unit director, <i>Introduction to Geophysics</i> (second year, 140 students),
2022&#8211;present.</p>
<p class="item">Field course leader, Pembrokeshire mapping trip, 2023 and 2024.</p>

<h2>Technical Skills</h2>
<p>Python, MATLAB, Linux clusters, Git; seismic array deployment and data processing.</p>

<h2>Languages</h2>
<p>English (native), French (professional working proficiency)</p>
"""


def render() -> bytes:
    return _story.flow(_HTML, _CSS, lambda _: [(62.0, 60.0, 533.0, 782.0)])
