# ruff: noqa: RUF001 - the document uses typographic dashes, as real CVs do
"""Blind held-out: a physicist turned machine-learning engineer, two A4 pages: a short industry
job, a postdoc and a PhD, then a long "Publications" list (journals, volumes, years, co-author
names and institutes) plus talks and teaching, none of which is employment.
Hand-written text; the truth is blind_academic_switch.truth.json."""

from __future__ import annotations

from eval.corpus.layouts import _story

FILENAME = "Hiroshi_Tanaka_CV.pdf"
CONTENT_TYPE = "application/pdf"

_CSS = """
* {font-family: serif; font-size: 10.5pt; line-height: 1.35;}
h1 {font-size: 19pt; margin: 0;}
p.c {margin: 0 0 6pt 0;}
h2 {font-size: 12pt; margin: 12pt 0 4pt 0; font-variant: small-caps;}
p {margin: 0 0 3pt 0;} p.e {margin-top: 6pt;} ul {margin: 1pt 0 3pt 14pt;}
ol li {margin-bottom: 4pt;}
"""

_PUBS = (
    "H. Tanaka, F. Müller and S. Becker, “Self-supervised depth estimation for bin picking "
    "with transparent objects”, <i>IEEE Robotics and Automation Letters</i> 8 (2023) 4411–4418.",
    "H. Tanaka and F. Müller, “Learning phonon spectra from sparse neutron data”, "
    "<i>Physical Review B</i> 105 (2022) 144302.",
    "L. Schmidt, H. Tanaka, A. Weiß, “Bayesian calibration of a time-of-flight "
    "spectrometer”, <i>Nuclear Instruments and Methods A</i> 1010 (2021) 165512.",
    "H. Tanaka, K. Ito and M. Sato, “Anomalous thermal Hall effect in a frustrated "
    "kagome magnet”, <i>Physical Review Letters</i> 124 (2020) 067203.",
    "H. Tanaka and M. Sato, “Spin-wave damping at finite temperature in Cu-based "
    "pyrochlores”, <i>Journal of the Physical Society of Japan</i> 88 (2019) 094707.",
    "K. Ito, H. Tanaka, Y. Nakamura and M. Sato, “Neutron scattering study of a quantum "
    "spin liquid candidate”, <i>Physical Review B</i> 98 (2018) 220405(R).",
    "H. Tanaka, Y. Nakamura and M. Sato, “Magnon band topology in layered honeycomb "
    "ferromagnets”, <i>Physical Review B</i> 96 (2017) 174421.",
    "H. Tanaka, “Finite-size scaling in two-dimensional frustrated magnets”, Master's "
    "thesis, Osaka University (2015).",
)

_HTML = (
    "<h1>Hiroshi Tanaka, PhD</h1>"
    "<p class='c'>München, Germany &#183; +49 151 23456789 &#183; "
    "hiroshi.tanaka@example.de &#183; github.com/htanaka-ml</p>"
    "<h2>Summary</h2><p>Machine-learning engineer who came to industry from condensed-matter "
    "physics. Eight years of modelling noisy experimental data, now applied to perception "
    "for warehouse robots.</p>"
    "<h2>Experience</h2>"
    "<p class='e'><b>Machine Learning Engineer</b>, Alpenblick Robotics GmbH, Munich "
    "&#8212; 09/2022 – present</p><ul><li>Train and ship the depth-estimation models behind "
    "the grasping system (PyTorch, exported to ONNX).</li><li>Cut mis-picks of transparent "
    "items by a third.</li></ul>"
    "<p class='e'><b>Postdoctoral Researcher</b>, Technical University of Munich, Physics "
    "Department &#8212; 04/2019 – 08/2022</p><ul><li>Led the analysis of neutron "
    "spectroscopy data; wrote the group's Python fitting library.</li><li>Supervised three "
    "master's students.</li></ul>"
    "<p class='e'><b>Research Assistant (doctoral)</b>, Kyoto University &#8212; 04/2015 – "
    "03/2019</p>"
    "<h2>Education</h2>"
    "<p><b>PhD in Physics</b>, Kyoto University, 2015 – 2019. Thesis: <i>Magnons and "
    "topology in frustrated magnets</i>. Advisor: Prof. Masaki Sato.</p>"
    "<p><b>MSc in Physics</b>, Osaka University, 2013 – 2015</p>"
    "<h2>Skills</h2><p>Python, PyTorch, C++, Computer Vision, ROS, Docker, Git, Linux, "
    "MATLAB</p>"
    "<h2>Languages</h2><p>Japanese (native), English (fluent), German (B1)</p>"
    "<h2>Publications</h2><ol>" + "".join(f"<li>{p}</li>" for p in _PUBS) + "</ol>"
    "<h2>Selected Talks</h2><ul>"
    "<li>“From neutrons to robots”, PyData Munich, November 2023</li>"
    "<li>“Topological magnons”, DPG Spring Meeting, Dresden, March 2020</li>"
    "<li>Invited seminar, Paul Scherrer Institute, Villigen, 2021</li></ul>"
    "<h2>Teaching</h2><ul><li>Tutor, Theoretical Physics II, TU Munich, 2019 – 2021</li>"
    "<li>Teaching assistant, Statistical Mechanics, Kyoto University, 2016 – 2018</li></ul>"
    "<h2>Grants and Awards</h2><ul><li>JSPS Research Fellowship for Young Scientists "
    "(DC2), 2017 – 2019</li><li>Humboldt Research Fellowship, 2019 – 2021</li></ul>"
)


def render() -> bytes:
    return _story.flow(_HTML, _CSS, lambda _: [(60.0, 50.0, 535.0, 790.0)])
