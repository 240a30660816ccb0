"""``make demo``: upload the repository's sample resumes to a running stack and print the
parsed candidates.

Creates a demo client with the platform admin token (from ATS_PLATFORM_ADMIN_TOKEN or
.run/admin-token, as ``make run`` writes it), uploads every file in samples/, waits for the
jobs to finish and prints name, email, phone, links and skills of each candidate.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_SUFFIXES = {".pdf", ".txt", ".docx", ".png", ".jpg", ".jpeg"}


def admin_token() -> str:
    token = os.environ.get("ATS_PLATFORM_ADMIN_TOKEN")
    if token:
        return token
    path = ROOT / ".run" / "admin-token"
    if not path.exists():
        sys.exit(
            "no admin token: start the stack with `make run` first (it writes .run/admin-token)"
        )
    return path.read_text().strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default=os.environ.get("ATS_URL", "http://127.0.0.1:8002"))
    parser.add_argument("--samples", type=Path, default=ROOT / "samples")
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()

    files = sorted(p for p in args.samples.iterdir() if p.suffix.lower() in SAMPLE_SUFFIXES)
    with httpx.Client(base_url=args.url, timeout=30) as http:
        created = http.post(
            "/v1/clients",
            json={"name": f"Demo {time.strftime('%Y-%m-%d %H:%M:%S')}"},
            headers={"Authorization": f"Bearer {admin_token()}"},
        )
        created.raise_for_status()
        key = created.json()["api_key"]["secret"]
        auth = {"Authorization": f"Bearer {key}"}
        print(f"client {created.json()['client']['id']} created; uploading {len(files)} files")

        upload = http.post(
            "/v1/documents",
            headers=auth,
            files=[("file", (p.name, p.read_bytes())) for p in files],
        )
        if upload.status_code != 202:
            print(upload.text)
            return 1
        jobs = {u["job"]["id"]: u["filename"] for u in upload.json()["uploads"] if u["accepted"]}
        for rejected in (u for u in upload.json()["uploads"] if not u["accepted"]):
            print(f"  rejected {rejected['filename']}: {rejected['error']['detail']}")

        deadline = time.monotonic() + args.timeout
        finished: dict[str, dict[str, object]] = {}
        while len(finished) < len(jobs) and time.monotonic() < deadline:
            for job_id in jobs.keys() - finished.keys():
                job = http.get(f"/v1/jobs/{job_id}", headers=auth).json()
                if job["status"] in ("parsed", "failed"):
                    finished[job_id] = job
            time.sleep(0.2)

        for job_id, filename in jobs.items():
            job = finished.get(job_id)
            if job is None:
                print(f"\n{filename}: still not finished after {args.timeout:g}s")
                continue
            if job["status"] == "failed":
                print(f"\n{filename}: failed ({job['reason']}): {job['detail']}")
                continue
            candidate = http.get(f"/v1/candidates/{job['candidate_id']}", headers=auth).json()
            profile = candidate["profile"]
            basics = profile.get("basics", {})
            print(f"\n{filename} -> candidate {candidate['id']}")
            for field in ("name", "email", "phone", "url"):
                if basics.get(field):
                    print(f"  {field:<8} {basics[field]}")
            for link in basics.get("profiles", []):
                print(f"  {link.get('network', 'link'):<8} {link.get('url')}")
            for job in profile.get("work", []):
                period = f"{job.get('startDate', '?')} - {job.get('endDate', 'present')}"
                print(f"  work     {job.get('position', '?')}, {job.get('name', '?')} ({period})")
            for school in profile.get("education", []):
                degree = " ".join(filter(None, (school.get("studyType"), school.get("area"))))
                print(f"  school   {degree or '?'}, {school.get('institution', '?')}")
            skills = ", ".join(s["name"] for s in profile.get("skills", []))
            print(f"  skills   {skills}")
            years = profile.get("x_ats", {}).get("years_of_experience")
            if years is not None:
                print(f"  years    {years}")
        if os.environ.get("ATS_DEMO_JSON"):
            print(json.dumps(list(finished.values()), indent=2))
        return 0 if len(finished) == len(jobs) else 1


if __name__ == "__main__":
    sys.exit(main())
