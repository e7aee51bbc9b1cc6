"""Write the sample CAIQ v4 answer sheet, samples/caiq/kestrel-caiq-v4.{csv,xlsx}.

    python tests/data/make_caiq_sample.py

Our own sample in the real column layout: a metadata row, then the header row of the
CAIQ v4.0.3 sheet, one row per question id. The question texts are CSA's and are not
reproduced (the cell says so); the answers and descriptions are a fictional vendor's,
written for the tests: mostly Yes, some No, NA with and without a reason, a few blank.
A script rather than a hand-made file, so the CSV and the workbook say the same.
"""

from __future__ import annotations

import csv
import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEADER = ["Question ID", "Question", "CSP CAIQ Answer", "SSRM Control Ownership",
          "CSP Implementation Description (Optional/Recommended)",
          "CSC Responsibilities  (Optional/Recommended)"]
TITLE = ("Consensus Assessments Initiative Questionnaire v4.0.3 - Kestrel Labs "
         "(a fictional vendor; sample written for trustscore)")
SHEET = "CAIQv4.0.3"
SECOND_QUESTION = {"A&A-02", "AIS-04", "BCR-08", "CCC-02", "CEK-03", "DSP-07", "GRC-05",
                   "HRS-11", "IAM-02", "IAM-14", "LOG-03", "SEF-02", "STA-09", "TVM-01",
                   "UEM-04", "DCS-14", "IVS-03", "BCR-11"}
NO = {"BCR-11.1", "DSP-07.2", "IAM-14.2", "LOG-05.1", "SEF-07.1", "TVM-07.1"}
NA_WITH_REASON = {"DCS-01.1": "We run no data centre of our own: hosting is with the "
                              "client's cloud provider.",
                  "IPY-01.1": "Client data stays in the client's tenancy; no export tooling "
                              "is offered.",
                  "CEK-10.1": "No key generation service is offered to clients.",
                  "CCC-09.1": "Clients deploy and roll back their releases themselves.",
                  "IVS-06.1": "Tenant segmentation is the client's cloud provider's."}
NA_WITHOUT_REASON = {"UEM-08.1"}
BLANK = {"HRS-04.1", "STA-12.1", "BCR-09.1"}
OWNERSHIP = {"DCS": "Third-party outsourced", "UEM": "Shared CSP and CSC",
             "IPY": "CSC-owned"}


def ccm_ids() -> list[str]:
    lines = (ROOT / "tests/data/ccm-v4-control-ids.txt").read_text(encoding="utf-8")
    return [line.strip() for line in lines.splitlines() if line.strip()
            and not line.startswith("#")]


def rows() -> list[list[str]]:
    """The question rows, in the sheet's order."""
    out = []
    for control in ccm_ids():
        for n in (1, 2) if control in SECOND_QUESTION else (1,):
            question = f"{control}.{n}"
            if question in BLANK:
                answer, description = "", ""
            elif question in NA_WITH_REASON:
                answer, description = "NA", NA_WITH_REASON[question]
            elif question in NA_WITHOUT_REASON:
                answer, description = "NA", ""
            elif question in NO:
                answer, description = "No", "Not yet in place; planned for next year."
            else:
                answer = "Yes"
                description = (f"{question}: in place under our ISMS (policy KL-{control}, "
                               "reviewed yearly).")
            ownership = OWNERSHIP.get(control.split("-")[0], "CSP-owned")
            out.append([question, "(CSA question text not reproduced: see CAIQ v4.0.3)",
                        answer, ownership, description, ""])
    return out


def write_csv(path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow([TITLE])
        writer.writerow(HEADER)
        writer.writerows(rows())


def write_xlsx(path: Path) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    intro = workbook.active
    intro.title = "Introduction"
    intro["A1"] = "Sample CAIQ v4 answers for trustscore's tests (fictional vendor)."
    sheet = workbook.create_sheet(SHEET)
    sheet.append([TITLE])
    sheet.merge_cells("A1:F1")  # the real sheet's title row is merged; above the header
    sheet.append(HEADER)
    for row in rows():
        sheet.append(row)
    fixed = dt.datetime(2026, 11, 1)
    workbook.properties.created = fixed
    workbook.properties.modified = fixed
    workbook.save(path)


def main() -> int:
    folder = ROOT / "samples" / "caiq"
    folder.mkdir(exist_ok=True)
    write_csv(folder / "kestrel-caiq-v4.csv")
    write_xlsx(folder / "kestrel-caiq-v4.xlsx")
    return 0


if __name__ == "__main__":
    sys.exit(main())
