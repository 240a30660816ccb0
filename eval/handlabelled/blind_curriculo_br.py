"""Blind held-out: a Brazilian "Currículo" in Portuguese: "Experiência Profissional",
"Formação Acadêmica", "Idiomas", dates like "jan/2019 - atual" and a São Paulo mobile.
Hand-written text; the truth is blind_curriculo_br.truth.json."""

from __future__ import annotations

from eval.corpus.layouts import _story

FILENAME = "curriculo_larissa_souza.pdf"
CONTENT_TYPE = "application/pdf"

_CSS = """
* {font-family: serif; font-size: 10.5pt; line-height: 1.3;}
h1 {font-size: 18pt; margin: 0; text-align: center;}
p.c {text-align: center; margin: 0 0 6pt 0;}
h2 {font-size: 11.5pt; margin: 10pt 0 3pt 0; border-bottom: 1px solid #555;}
p {margin: 0 0 2pt 0;} ul {margin: 1pt 0 4pt 14pt;}
"""

_HTML = (
    "<h1>Currículo</h1><h1>Larissa Fernandes de Souza</h1>"
    "<p class='c'>Brasileira, 33 anos &#183; Vila Mariana, São Paulo - SP<br/>"
    "Celular: (11) 98765-4321 &#183; E-mail: larissa.fsouza@example.com.br</p>"
    "<h2>Objetivo</h2><p>Atuar como líder técnica em desenvolvimento de sistemas "
    "financeiros.</p>"
    "<h2>Experiência Profissional</h2>"
    "<p><b>Banco Paulista de Investimentos S.A.</b> &#8212; Analista de Sistemas Sênior<br/>"
    "jan/2019 - atual</p><ul><li>Responsável pelos serviços de conciliação de pagamentos "
    "PIX, com 2 milhões de transações por dia.</li><li>Coordeno uma equipe de cinco "
    "desenvolvedores.</li></ul>"
    "<p><b>Tecnoponto Soluções em Software Ltda.</b> &#8212; Desenvolvedora Java<br/>"
    "mar/2015 - dez/2018</p><ul><li>Desenvolvimento de módulos de faturamento para "
    "clientes do varejo.</li></ul>"
    "<p><b>Prefeitura Municipal de Campinas</b> &#8212; Estagiária de Desenvolvimento<br/>"
    "fev/2014 - fev/2015</p>"
    "<h2>Formação Acadêmica</h2>"
    "<p><b>MBA em Gestão de Projetos</b> &#8212; Fundação Getulio Vargas (FGV), 2017 - 2018"
    "</p><p><b>Bacharelado em Ciência da Computação</b> &#8212; Universidade Estadual de "
    "Campinas (UNICAMP), 2011 - 2014</p>"
    "<h2>Conhecimentos Técnicos</h2><p>Java, Spring Boot, Oracle Database, SQL, Apache Kafka, "
    "Docker, Git, Scrum</p>"
    "<h2>Idiomas</h2><p>Português &#8212; nativo<br/>Inglês &#8212; avançado<br/>"
    "Espanhol &#8212; intermediário</p>"
)


def render() -> bytes:
    return _story.flow(_HTML, _CSS, lambda _: [(55.0, 45.0, 540.0, 800.0)])
