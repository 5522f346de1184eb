"""Write the test tables of `ctg import`, one per layout adopted plans use.

Run from the repository root: python tests/imports/make_fixtures.py
The generated files are committed, so the tests read real files; this script
documents how they were made (openpyxl for XLSX with merged cells, odfpy for ODS).
The contents are realistic plans of fictional territories.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXED = dt.datetime(2026, 1, 1)


# --- 1. XLSX: title block, reordered headers, numbering, merged theme cells ------------------

VAL_HEADER = ["N°", "Intitulé de l'action", "Thématique", "Constats", "Objectif opérationnel",
              "Pilote", "Partenaires", "Échéance", "Indicateurs", "Statut"]
VAL_ROWS: list[list[object]] = [
    ["1.1", "Créer un Relais Petite Enfance itinérant sur les communes rurales",
     "Petite enfance", "Un territoire rural où les assistantes maternelles sont isolées",
     "Rompre l'isolement des assistantes maternelles", "Service Petite Enfance",
     "CAF, PMI, Communes", "Dès 2024",
     "- Nombre de permanences par an\n- Taux de participation des assistantes maternelles\n"
     "- Satisfaction des professionnelles", "En cours"],
    ["1.2", "Ouvrir une micro-crèche à horaires atypiques", "Petite enfance",
     "Des parents aux horaires décalés (industrie, santé) sans solution de garde",
     "Adapter l'offre d'accueil aux horaires des familles", "Communauté de communes",
     "CAF ; MSA ; Entreprises du territoire", dt.datetime(2025, 9, 1),
     "• Ouverture de la micro-crèche\n• Nombre d'enfants accueillis\n"
     "• Perception des familles", "Non démarrée"],
    ["2.1", "Mettre en place un Point Information Jeunesse mobile", "Jeunesse",
     "Des jeunes de 16-25 ans qui ne connaissent pas leurs droits",
     "Informer les jeunes là où ils sont", "Service Jeunesse",
     "Mission locale, Lycées, Département", "S2 2025",
     "Nombre de jeunes rencontrés - Nombre de permanences - Avis des jeunes", "En cours"],
    ["2.2", "Soutenir les projets d'engagement des jeunes (chantiers, juniors associations)",
     "Jeunesse", "Des jeunes de 16-25 ans qui ne connaissent pas leurs droits",
     "Favoriser l'engagement citoyen des jeunes", "Service Jeunesse",
     "Associations, CAF, Conseil départemental", "Tout au long de la CTG",
     "Nombre de projets soutenus\nMontant des aides attribuées", "Réalisée"],
    ["3.1", "Organiser des permanences d'accès aux droits dans les mairies",
     "Accès aux droits", "Un non-recours important aux prestations sociales",
     "Rapprocher les services des habitants", "CCAS de Valmont",
     "CAF, CPAM, CARSAT, France Services", "2024 à 2026",
     "Nombre de permanences\nNombre de personnes reçues\nPart des demandes abouties",
     "En cours"],
]


def write_val_de_loire(path: Path) -> None:
    """Title block, reordered headers, own numbering, theme cells merged down."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Plan d'actions"
    sheet["A1"] = "Communauté de communes du Val de Loire"
    sheet["A2"] = "Plan d'actions de la Convention Territoriale Globale 2024-2027"
    sheet["A3"] = "Validé en comité de pilotage le 14 mars 2024"
    sheet.merge_cells("A1:J1")
    sheet.append([])
    sheet.append(VAL_HEADER)
    for row in VAL_ROWS:
        sheet.append(row)
    first = 6  # the first action row
    sheet.merge_cells(f"C{first}:C{first + 1}")
    sheet.merge_cells(f"C{first + 2}:C{first + 3}")
    sheet.merge_cells(f"D{first + 2}:D{first + 3}")
    sheet[f"H{first + 1}"].number_format = "dd/mm/yyyy"
    _save_xlsx(book, path)


# --- 2. ODS: three levels (axe / enjeu / objectif), lead and partners in one cell ----------

AGGLO_HEADER = ["Objectifs", "Actions", "Pilote(s) / Partenaires",
                "Indicateurs quantitatifs", "Indicateurs qualitatifs", "Calendrier"]
AGGLO_ROWS: list[list[str]] = [
    ["Axe 1 : Soutenir la parentalité"],
    ["Enjeu 1.1 : Des parents isolés face aux difficultés éducatives"],
    ["Créer des lieux ressources pour les parents",
     "Ouvrir un Lieu d'Accueil Enfants-Parents (LAEP) sur le quartier des Tilleuls",
     "Pilote : Centre social Les Tilleuls\nPartenaires : CAF, PMI, Ville de Saint-Aubin",
     "Nombre de familles accueillies\nNombre de séances d'accueil",
     "Satisfaction des parents", "2025"],
    ["Créer des lieux ressources pour les parents",
     "Animer des cafés des parents dans les écoles",
     "Pilote : Service Éducation\nPartenaires : Éducation nationale, Associations de parents "
     "d'élèves",
     "Nombre de cafés des parents", "Évolution des échanges entre parents et école",
     "2025-2027"],
    ["Enjeu 1.2 : Des séparations qui fragilisent les enfants"],
    ["Accompagner les familles lors des séparations",
     "Développer la médiation familiale de proximité",
     "Pilote : UDAF\nPartenaires : CAF, Tribunal judiciaire, CCAS",
     "Nombre de médiations engagées", "Qualité du dialogue parental après médiation",
     "Fin 2026"],
    ["Axe 2 : Animation de la vie sociale"],
    ["Enjeu 2.1 : Un manque de lieux de rencontre entre habitants"],
    ["Favoriser le lien social", "Créer un Espace de Vie Sociale itinérant",
     "Pilote : Agglomération Cœur d'Yvelines\nPartenaires : CAF, Communes, Habitants",
     "Création de l'EVS\nNombre d'habitants impliqués", "Implication des bénévoles",
     "1er trimestre 2026"],
]


def write_agglo(path: Path) -> None:
    """ODS: axe and enjeu as title rows above the rows of objectives and actions."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    table = Table(name="CTG")
    for values in [["Plan d'actions CTG 2025-2028 — Agglomération Cœur d'Yvelines"], [],
                   AGGLO_HEADER, *AGGLO_ROWS]:
        row = TableRow()
        for value in values:
            cell = TableCell(valuetype="string")
            for line in value.split("\n"):
                cell.addElement(P(text=line))
            row.addElement(cell)
        table.addElement(row)
    doc.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    doc.write(buffer)
    _normalize_zip(buffer.getvalue(), path)


# --- 3. CSV, Windows-1252, semicolons, CRLF, multi-line cells, theme on first row ----------

BOCAGE_HEADER = ["Domaine", "Besoins repérés", "Objectif général", "Objectif opérationnel",
                 "Fiche action", "Moyens", "Porteur", "Partenaires associés",
                 "Critères d'évaluation", "Démarrage"]
BOCAGE_ROWS: list[list[str]] = [
    ["Logement", "Des jeunes travailleurs sans solution de logement",
     "Faciliter l'accès au logement des jeunes",
     "Développer l'offre de logements temporaires", "Créer une résidence d'hébergement "
     "temporaire pour les jeunes en alternance", "Bâtiment communal à réhabiliter",
     "Communauté de communes du Pays du Bocage", "Action Logement, Bailleurs sociaux, "
     "Mission locale", "Nombre de logements créés\nTaux d'occupation", "2026"],
    ["", "Des jeunes travailleurs sans solution de logement",
     "Faciliter l'accès au logement des jeunes", "Informer les jeunes sur leurs droits",
     "Tenir une permanence logement au Point Information Jeunesse", "",
     "Service Jeunesse", "CAF, ADIL", "Nombre de jeunes reçus ; Satisfaction des jeunes",
     "Dès 2025"],
    ["Handicap", "Des familles d'enfants en situation de handicap épuisées",
     "Soutenir les aidants", "Offrir des temps de répit aux parents",
     "Proposer des séances de répit à domicile pour les parents d'enfants en situation de "
     "handicap", "Partenariat avec l'association \"Répit 50\"",
     "CCAS", "MDPH, CAF, Associations", "Nombre de familles bénéficiaires\nRessenti des "
     "familles", "2025/2026"],
    ["", "Des enfants en situation de handicap peu présents en accueil de loisirs",
     "Soutenir les aidants", "Rendre les accueils de loisirs inclusifs",
     "Former les animateurs à l'accueil des enfants en situation de handicap",
     "Fonds publics et territoires (CAF)", "Service Enfance", "CAF, Pôle ressources handicap",
     "Nombre d'animateurs formés\nNombre d'enfants accueillis\nPerception des familles",
     "2025 - 2027"],
]


def write_bocage(path: Path) -> None:
    """CSV as an old office saves it: Windows-1252, ';', CRLF, quoted multi-line cells."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Plan d'actions CTG 2025-2028 du Pays du Bocage"] + [""] * 9)
    writer.writerow([""] * 10)
    writer.writerow(BOCAGE_HEADER)
    for row in BOCAGE_ROWS:
        writer.writerow([cell.replace("\n", "\r\n") for cell in row])
    path.write_bytes(buffer.getvalue().encode("cp1252"))


# --- 4. XLSX, one sheet per theme, cover and summary sheets, two header rows ----------------

SHEETS: dict[str, tuple[str, list[list[object]]]] = {
    "Petite enfance": ("Axe 1 – Petite enfance", [
        ["FA 1.1", "Un déficit de places d'accueil du jeune enfant",
         "Augmenter l'offre d'accueil", "Accompagner la création de deux Maisons "
         "d'Assistants Maternels (MAM)", "Référente petite enfance de la CC",
         "CAF, PMI, Communes concernées", "Nombre de MAM ouvertes",
         "Satisfaction des assistantes maternelles", "2025 à 2026"],
        ["FA 1.2", "Un déficit de places d'accueil du jeune enfant",
         "Faire connaître l'offre", "Publier un guide des modes d'accueil",
         "Service communication", "CAF, Relais Petite Enfance",
         "Nombre de guides diffusés", "Avis des familles", "2025"],
    ]),
    "Jeunesse": ("Axe 2 – Jeunesse", [
        ["FA 2.1", "Peu d'offre pour les 11-17 ans", "Diversifier l'offre de loisirs",
         "Créer un accueil ados ouvert le samedi et pendant les vacances",
         "Service Enfance-Jeunesse", "CAF, Collèges, MSA", "Nombre d'adolescents inscrits"
         "\nNombre de jours d'ouverture", "Satisfaction des adolescents", "Dès 2025"],
    ]),
    "Accès aux droits": ("Axe 3 – Accès aux droits et inclusion numérique", [
        ["FA 3.1", "Des démarches en ligne difficiles pour les seniors",
         "Réduire la fracture numérique", "Recruter un conseiller numérique itinérant",
         "France Services", "CAF, CARSAT, Médiathèques", "Recrutement du conseiller"
         "\nNombre d'accompagnements", "Autonomie des usagers après l'accompagnement",
         "2025-2028"],
    ]),
}
SUB_HEADER_TOP = ["N° de fiche", "Enjeux", "Objectifs", "Actions", "Référent", "Partenaires",
                  "Indicateurs d'évaluation", "", "Échéancier"]
SUB_HEADER_BOTTOM = ["", "", "", "", "", "", "Quantitatifs", "Qualitatifs", ""]


def write_sheets(path: Path) -> None:
    """One sheet per theme, a cover and a summary sheet; indicators under a two-row header."""
    from openpyxl import Workbook

    book = Workbook()
    cover = book.active
    assert cover is not None
    cover.title = "Couverture"
    cover["B2"] = "Convention Territoriale Globale 2025-2028"
    cover["B3"] = "Communauté de communes Terres de Saône"
    cover["B5"] = "Plan d'actions adopté par le conseil communautaire du 3 février 2025"
    summary = book.create_sheet("Sommaire")
    summary.append(["Axe", "Nombre de fiches"])
    for name, (_title, rows) in SHEETS.items():
        summary.append([name, len(rows)])
    for name, (title, rows) in SHEETS.items():
        sheet = book.create_sheet(name)
        sheet["A1"] = title
        sheet.append([])
        sheet.append(SUB_HEADER_TOP)
        sheet.append(SUB_HEADER_BOTTOM)
        sheet.merge_cells("G3:H3")
        for row in rows:
            sheet.append(row)
    _save_xlsx(book, path)


# --- 5. TSV with BOM: theme on every row, lead and partners in two columns ------------------

PLAINE_HEADER = ["Thématique", "Enjeux", "Objectif", "Action", "Public", "Pilote",
                 "Partenaires", "Indicateurs", "Calendrier"]
PLAINE_ROWS: list[list[str]] = [
    ["Parentalité", "Des parents en demande d'échanges", "Soutenir les parents",
     "Organiser des conférences-débats sur l'adolescence", "Parents d'adolescents",
     "Service Jeunesse et Sport", "Collège Jean Moulin, Maison des adolescents",
     "Nombre de conférences\nNombre de participants\nSatisfaction des participants",
     "2026"],
    ["Parentalité", "Des parents en demande d'échanges", "Soutenir les parents",
     "Créer un REAAP intercommunal", "Familles", "Services Jeunesse et Sports / CAF",
     "Associations familiales", "Création du réseau\nNombre d'actions labellisées", "2027"],
    ["Animation de la vie sociale", "Un centre social seul pour tout le territoire",
     "Couvrir le territoire", "Étendre l'agrément du centre social à la commune de "
     "Plaineville", "Tous publics", "Centre social L'Escale", "CAF, Commune de Plaineville",
     "Obtention de l'agrément\nNombre d'adhérents", "2025-2026"],
]


def write_plaine(path: Path) -> None:
    """TSV saved with a BOM, the theme repeated on every row, lead and partners apart."""
    lines = ["\t".join(PLAINE_HEADER)]
    for row in PLAINE_ROWS:
        lines.append("\t".join(f'"{c}"' if "\n" in c else c for c in row))
    path.write_bytes(b"\xef\xbb\xbf" + ("\n".join(lines) + "\n").encode("utf-8"))


# --- 6. XLSX: an action merged over two rows, each with its indicator ---------------------

def write_haut_jura(path: Path) -> None:
    """Action, lead and calendar merged over two rows, one indicator per row."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "CTG 2025-2029"
    sheet.append(["Plan d'actions CTG 2025-2029 – Communauté de communes du Haut-Jura"])
    sheet.append(["Thématique", "Objectifs", "Actions", "Porteur / Partenaires",
                  "Indicateurs", "Calendrier"])
    sheet.append(["Accès aux droits", "Lutter contre le non-recours",
                  "Déployer des rendez-vous des droits", "CAF / CCAS, France Services",
                  "Nombre de RDV des droits", "2025"])
    sheet.append([None, None, None, None, "Taux de droits ouverts", None])
    for cells in ("A3:A5", "B3:B4", "C3:C4", "D3:D4", "F3:F4"):
        sheet.merge_cells(cells)
    sheet.append([None, "Informer", "Organiser un forum annuel des solidarités",
                  "CCAS\nPartenaires : associations caritatives, Secours populaire",
                  "Nombre de visiteurs\nSatisfaction des exposants", "Chaque année"])
    sheet.append(["Logement", "Prévenir les expulsions",
                  "Mettre en place une commission de prévention", "Département",
                  "Nombre de ménages accompagnés", "2026"])
    _save_xlsx(book, path)


# --- writing the files deterministically --------------------------------------------------

def _save_xlsx(book: object, path: Path) -> None:
    buffer = io.BytesIO()
    book.properties.created = FIXED  # type: ignore[attr-defined]
    book.properties.modified = FIXED  # type: ignore[attr-defined]
    book.save(buffer)  # type: ignore[attr-defined]
    _normalize_zip(buffer.getvalue(), path)


def _normalize_zip(data: bytes, path: Path) -> None:
    """Rewrite a zip with fixed timestamps, so that the same script gives the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            fixed.compress_type = (zipfile.ZIP_STORED if info.filename == "mimetype"
                                   else zipfile.ZIP_DEFLATED)
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the saving time
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2026-01-01T00:00:00Z",
                                 content)
            target.writestr(fixed, content)
    path.write_bytes(out.getvalue())


FIXTURES = {
    "val-de-loire.xlsx": write_val_de_loire,
    "coeur-yvelines.ods": write_agglo,
    "pays-du-bocage.csv": write_bocage,
    "terres-de-saone.xlsx": write_sheets,
    "plaine.tsv": write_plaine,
    "haut-jura.xlsx": write_haut_jura,
}


def main() -> None:
    """Write every fixture beside this script."""
    for name, write in FIXTURES.items():
        write(HERE / name)


if __name__ == "__main__":
    main()
