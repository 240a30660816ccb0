# ruff: noqa: RUF001 - the document uses typographic dashes, as real resumes do
"""Blind held-out: an Irish bootcamp graduate: "Projects" come first (each with a stack line
and a GitHub link, none of them jobs), then one short contract job, then education with the
bootcamp diploma above an unrelated history degree. Hand-written text; the truth is
blind_bootcamp.truth.json."""

from __future__ import annotations

from eval.corpus.layouts import _story

FILENAME = "aoife-byrne-cv.pdf"
CONTENT_TYPE = "application/pdf"

_CSS = """
* {font-family: sans-serif; font-size: 10pt; line-height: 1.3;}
h1 {font-size: 20pt; margin: 0;} p.t {margin: 0; color: #0a6b5e; font-size: 12pt;}
p.c {margin: 2pt 0 6pt 0;}
h2 {font-size: 11pt; margin: 10pt 0 3pt 0; color: #0a6b5e;}
p {margin: 0 0 2pt 0;} p.e {margin-top: 5pt;} ul {margin: 1pt 0 3pt 14pt;}
"""

_HTML = (
    "<h1>Aoife Byrne</h1><p class='t'>Junior Full-Stack Developer</p>"
    "<p class='c'>Dublin 8, Ireland &#183; 087 123 4567 &#183; aoife.byrne.dev@example.ie "
    "&#183; github.com/aoifebyrne</p>"
    "<h2>Projects</h2>"
    "<p class='e'><b>BusyBus Dublin</b> &#8212; live bus arrivals on a map "
    "(github.com/aoifebyrne/busybus)</p><ul><li>Stack: React, Node.js, Express.js, "
    "MongoDB</li><li>Polls the transport API every 30 seconds; 300 weekly users.</li></ul>"
    "<p class='e'><b>Shelf Swap</b> &#8212; book swapping site for Dublin libraries (team of "
    "4, final bootcamp project)</p><ul><li>Stack: Python, Django, PostgreSQL, deployed on "
    "Heroku</li></ul>"
    "<p class='e'><b>Portfolio site</b> &#8212; HTML, CSS and JavaScript, no framework</p>"
    "<h2>Experience</h2>"
    "<p class='e'><b>Junior Web Developer (contract)</b> &#8212; Liffey Digital Studio, Dublin"
    "<br/>Jun 2024 – Sep 2024</p><ul><li>Fixed layout bugs and built landing pages for two "
    "charity clients.</li></ul>"
    "<h2>Education</h2>"
    "<p class='e'><b>Diploma in Full Stack Software Development</b> &#8212; Code Institute, "
    "Dublin, Sep 2023 – May 2024</p>"
    "<p class='e'><b>BA in History</b> &#8212; Trinity College Dublin, 2017 – 2021</p>"
    "<h2>Skills</h2><p>JavaScript, React, Node.js, Express.js, Python, Django, "
    "PostgreSQL, MongoDB, HTML, CSS, Git</p>"
)


def render() -> bytes:
    return _story.flow(_HTML, _CSS, lambda _: [(55.0, 45.0, 540.0, 800.0)])
