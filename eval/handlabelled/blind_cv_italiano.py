"""Blind held-out: an Italian marketing CV: "Esperienze lavorative" with years "dal 2018 al
2021" / "dal 2021 a oggi", "Istruzione e formazione" with Laurea magistrale and triennale,
"Competenze linguistiche" and the usual GDPR consent line at the foot (not a skill).
Hand-written text; the truth is blind_cv_italiano.truth.json."""

from __future__ import annotations

from eval.corpus.layouts import _story

FILENAME = "CV_Giulia_Marchetti.pdf"
CONTENT_TYPE = "application/pdf"

_CSS = """
* {font-family: sans-serif; font-size: 10pt; line-height: 1.3;}
h1 {font-size: 20pt; margin: 0; color: #1d4f7a;}
p.c {margin: 0 0 6pt 0;}
h2 {font-size: 11pt; margin: 10pt 0 3pt 0; color: #1d4f7a; text-transform: uppercase;}
p {margin: 0 0 2pt 0;} p.e {margin-top: 5pt;} ul {margin: 1pt 0 3pt 14pt;}
p.small {font-size: 8pt; margin-top: 14pt; color: #555;}
"""

_HTML = (
    "<h1>Giulia Marchetti</h1>"
    "<p class='c'>Via Saragozza 112, 40135 Bologna (BO) &#183; Cell. +39 347 123 4567 &#183; "
    "giulia.marchetti@example.it<br/>Nata a Ferrara il 14/05/1992 &#183; Patente B</p>"
    "<h2>Esperienze lavorative</h2>"
    "<p class='e'><b>dal 2021 a oggi</b> &#8212; <b>Responsabile Marketing</b><br/>"
    "Ceramiche Emiliane S.p.A., Sassuolo (MO)</p><ul><li>Gestione del budget marketing e "
    "delle fiere di settore (Cersaie, Coverings).</li><li>Coordinamento di due agenzie "
    "esterne.</li></ul>"
    "<p class='e'><b>dal 2018 al 2021</b> &#8212; <b>Specialista Marketing Digitale</b><br/>"
    "Portici Comunicazione S.r.l., Bologna</p><ul><li>Campagne e newsletter per clienti "
    "dell'agroalimentare.</li></ul>"
    "<p class='e'><b>dal 2016 al 2018</b> &#8212; <b>Assistente Ufficio Stampa</b><br/>"
    "Teatro Comunale di Modena</p>"
    "<h2>Istruzione e formazione</h2>"
    "<p class='e'><b>2014 &#8211; 2016</b> Laurea magistrale in Marketing e Comunicazione "
    "d'impresa, 110/110 e lode<br/>Università di Bologna</p>"
    "<p class='e'><b>2011 &#8211; 2014</b> Laurea triennale in Scienze della Comunicazione"
    "<br/>Università degli Studi di Modena e Reggio Emilia</p>"
    "<h2>Competenze informatiche</h2><p>Google Analytics, HubSpot, Mailchimp, WordPress, "
    "Adobe Photoshop, Canva</p>"
    "<h2>Competenze linguistiche</h2><p>Italiano: madrelingua &#183; Inglese: C1 &#183; "
    "Francese: B2</p>"
    "<p class='small'>Autorizzo il trattamento dei miei dati personali ai sensi del D.Lgs. "
    "196/2003 e del GDPR (Regolamento UE 2016/679).</p>"
)


def render() -> bytes:
    return _story.flow(_HTML, _CSS, lambda _: [(55.0, 45.0, 540.0, 800.0)])
