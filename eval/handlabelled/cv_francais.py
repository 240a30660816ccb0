# ruff: noqa: RUF001, RUF002 - the document uses typographic dashes and apostrophes, as real CVs do
"""A French CV: photo box and personal details in the header ("32 ans, permis B"), French
headings (Expériences professionnelles, Formation, Compétences, Langues, Centres d'intérêt),
abbreviated French month dates "janv. 2020 – aujourd'hui", a Licence and a Master, a
baccalauréat, and a phone written "06 12 34 56 78". Hand-written text; the truth is
cv_francais.truth.json."""

from __future__ import annotations

from typing import Any

from eval.corpus.layouts import _story

FILENAME = "CV_Elodie_Marchand.pdf"
CONTENT_TYPE = "application/pdf"

_CSS = """
* {font-family: sans-serif; font-size: 9.5pt; line-height: 1.3; color: #222;}
h1 {font-size: 21pt; margin: 0; color: #7a1f3d;}
p.titre {font-size: 12pt; margin: 2pt 0 6pt 0; color: #555;}
h2 {font-size: 11pt; color: #7a1f3d; margin: 11pt 0 4pt 0; border-bottom: 1.5px solid #7a1f3d;
    text-transform: uppercase;}
p {margin: 0 0 1pt 0;}
p.date {color: #7a1f3d; font-style: italic; margin-top: 5pt;}
ul {margin: 1pt 0 0 12pt;}
"""

_HTML = """
<h1>Élodie Marchand</h1>
<p class="titre">Responsable marketing digital</p>
<p>12 rue Pasteur, 69007 Lyon<br/>06 12 34 56 78<br/>elodie.marchand@example.fr<br/>
32 ans &#8211; Permis B</p>

<h2>Expériences professionnelles</h2>
<p class="date">janv. 2020 – aujourd’hui</p>
<p><b>Responsable marketing digital</b> &#8211; Maison Berthier SAS, Lyon</p>
<ul><li>Pilotage de la stratégie d’acquisition (budget annuel 450 k€) sur Google Ads et les
réseaux sociaux</li>
<li>Refonte du site e-commerce sous WordPress : +38 % de trafic organique en 18 mois</li>
<li>Encadrement d’une équipe de trois personnes et d’une agence SEA</li></ul>

<p class="date">sept. 2016 – déc. 2019</p>
<p><b>Chargée de communication</b> &#8211; Groupe Rhône Mutuelle, Villeurbanne</p>
<ul><li>Création des supports print et web (InDesign, Photoshop)</li>
<li>Animation des comptes LinkedIn et Instagram du groupe</li>
<li>Mise en place des campagnes d’e-mailing avec HubSpot</li></ul>

<p class="date">févr. 2016 – août 2016</p>
<p><b>Assistante chef de produit (stage de fin d’études)</b> &#8211; Lumière Cosmétiques,
Paris</p>
<ul><li>Veille concurrentielle et lancement d’une gamme de soins solaires</li></ul>

<h2>Formation</h2>
<p class="date">2014 – 2016</p>
<p><b>Master Marketing et Communication</b> &#8211; IAE Lyon, Université Jean Moulin Lyon 3</p>
<p class="date">2011 – 2014</p>
<p><b>Licence Information-Communication</b> &#8211; Université Lumière Lyon 2</p>
<p class="date">2011</p>
<p><b>Baccalauréat ES</b>, mention bien &#8211; Lycée Ampère, Lyon</p>

<h2>Compétences</h2>
<p><b>Marketing digital :</b> référencement naturel (SEO), Google Analytics, Google Ads,
HubSpot</p>
<p><b>Outils :</b> WordPress, Canva, Adobe InDesign, Adobe Photoshop, Pack Office</p>

<h2>Langues</h2>
<p>Français : langue maternelle<br/>Anglais : courant (TOEIC 945/990)<br/>Espagnol :
intermédiaire</p>

<h2>Centres d’intérêt</h2>
<p>Escalade en salle, photographie argentique, bénévole au festival Lumière</p>
"""


def render() -> bytes:
    def photo(page: Any, number: int, _: int) -> None:
        if number == 0:  # where the ID photo goes: a grey frame with a silhouette
            page.draw_rect((455, 40, 545, 150), color=(0.6, 0.6, 0.6), fill=(0.92, 0.92, 0.92))
            page.draw_circle((500, 80), 18, color=None, fill=(0.75, 0.75, 0.75))
            page.draw_oval((470, 105, 530, 150), color=None, fill=(0.75, 0.75, 0.75))

    return _story.flow(
        _HTML,
        _CSS,
        lambda n: (
            [(50.0, 42.0, 440.0, 160.0), (50.0, 160.0, 545.0, 800.0)]
            if n == 0
            else [(50.0, 42.0, 545.0, 800.0)]
        ),
        photo,
    )
