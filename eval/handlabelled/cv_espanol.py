"""A Spanish CV typed in Word: "Datos personales" as label/value lines (birth date and DNI
included, as Spanish CVs often do), then "Experiencia laboral" and "Formación académica" as
borderless two-column tables with "03/2018 - 12/2021" dates on the left, a Licenciatura and a
Máster, short courses, and "Idiomas" with CEFR levels. Hand-written text; the truth is
cv_espanol.truth.json."""

from __future__ import annotations

import datetime
import importlib
import io
from typing import Any

from eval.corpus.layouts.docx_layout import _fixed_zip

FILENAME = "CV Javier Ortega Molina.docx"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_FIXED = datetime.datetime(2025, 2, 10, tzinfo=datetime.UTC)

_EXPERIENCIA = (
    (
        "01/2022 - actualidad",
        "Grupo Hispalense de Distribución S.A. (Sevilla)",
        "Responsable de Análisis de Datos",
        (
            "Dirijo un equipo de 3 analistas; cuadros de mando de ventas y stock en Power BI "
            "para 140 tiendas.",
            "Modelo de previsión de demanda en Python que redujo las roturas de stock un 12 %.",
        ),
    ),
    (
        "03/2018 - 12/2021",
        "Seguros Giralda S.A. (Sevilla)",
        "Analista de Datos Sénior",
        (
            "Modelos de fuga de clientes con scikit-learn y explotación de datos en SAS y SQL.",
            "Informes mensuales de siniestralidad para la dirección técnica.",
        ),
    ),
    (
        "09/2010 - 02/2018",
        "Consultora Triana Economía S.L. (Sevilla)",
        "Técnico de Estudios Económicos",
        (
            "Estudios de impacto económico y coyuntura para ayuntamientos y asociaciones "
            "empresariales.",
        ),
    ),
)
_FORMACION = (
    (
        "10/2016 - 07/2017",
        "Máster Universitario en Big Data y Ciencia de Datos",
        "Universidad Internacional de La Rioja (UNIR). Modalidad online.",
    ),
    ("2004 - 2009", "Licenciatura en Economía", "Universidad de Sevilla."),
)


def render() -> bytes:
    docx: Any = importlib.import_module("docx")
    shared: Any = importlib.import_module("docx.shared")
    document: Any = docx.Document()
    document.core_properties.created = _FIXED
    document.core_properties.modified = _FIXED
    document.core_properties.author = "Javier"
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = shared.Pt(10)
    normal.paragraph_format.space_after = shared.Pt(2)

    def heading(text: str) -> None:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_before = shared.Pt(12)
        paragraph.paragraph_format.space_after = shared.Pt(4)
        run = paragraph.add_run(text)
        run.bold = True
        run.underline = True
        run.font.size = shared.Pt(11)
        run.font.color.rgb = shared.RGBColor(0x1F, 0x3A, 0x5F)

    def dated_rows(rows: list[tuple[str, list[tuple[str, bool]]]]) -> None:
        table = document.add_table(rows=len(rows), cols=2)
        for row, (dates, lines) in zip(table.rows, rows, strict=True):
            row.cells[0].width = shared.Cm(3.6)
            row.cells[1].width = shared.Cm(12.4)
            row.cells[0].paragraphs[0].add_run(dates).bold = True
            first = True
            for text, bold in lines:
                paragraph = row.cells[1].paragraphs[0] if first else row.cells[1].add_paragraph()
                first = False
                run = paragraph.add_run(text)
                run.bold = bold

    title = document.add_paragraph()
    run = title.add_run("CURRÍCULUM VITAE")
    run.bold = True
    run.font.size = shared.Pt(16)
    heading("DATOS PERSONALES")
    for label, value in (
        ("Nombre", "Javier Ortega Molina"),
        ("Fecha de nacimiento", "14/05/1986"),
        ("DNI", "28765432-K"),
        ("Dirección", "C/ Asunción 45, 3º B, 41011 Sevilla"),
        ("Teléfono", "654 32 19 87"),
        ("Correo electrónico", "javier.ortega.molina@example.es"),
        ("Carné de conducir", "B (vehículo propio)"),
    ):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_after = shared.Pt(0)
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
    heading("PERFIL PROFESIONAL")
    document.add_paragraph(
        "Economista reconvertido en analista de datos, con más de diez años de experiencia en "
        "estudios económicos y seis en analítica aplicada a distribución y seguros. Busco un "
        "puesto de responsabilidad en un equipo de datos en Sevilla o en remoto."
    )
    heading("EXPERIENCIA LABORAL")
    dated_rows(
        [
            (dates, [(company, True), (position, False), *((f"- {b}", False) for b in bullets)])
            for dates, company, position, bullets in _EXPERIENCIA
        ]
    )
    heading("FORMACIÓN ACADÉMICA")
    dated_rows([(dates, [(degree, True), (school, False)]) for dates, degree, school in _FORMACION])
    heading("FORMACIÓN COMPLEMENTARIA")
    for text in (
        "Curso de visualización de datos con Tableau (30 h). Fundación Cajasol, 2019.",
        "Curso de SQL para análisis de datos (40 h). Escuela de Organización Industrial, 2015.",
    ):
        document.add_paragraph(text, style="List Bullet")
    heading("CONOCIMIENTOS INFORMÁTICOS")
    document.add_paragraph(
        "Python (pandas, scikit-learn), SQL, Power BI, Tableau, SAS, Excel avanzado."
    )
    heading("IDIOMAS")
    for text in (
        "Español: nativo.",
        "Inglés: B2 (First Certificate in English, Cambridge, 2015).",
        "Francés: A2.",
    ):
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue())
