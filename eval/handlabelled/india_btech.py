# ruff: noqa: RUF001 - the document uses typographic dashes, as real resumes do
"""An Indian fresher's resume: "RESUME" as the first line, Career Objective, an "Academic
Qualifications" table with borders (B.Tech, Class XII, Class X, board, year of passing,
percentage or CGPA), academic projects with their own dates, certifications, a Personal
Details block with the father's name and date of birth, and a signed Declaration. Phone as
"+91-98450-12345". Hand-written text; the truth is india_btech.truth.json."""

from __future__ import annotations

from eval.corpus.layouts import _story

FILENAME = "Karthik_Resume.pdf"
CONTENT_TYPE = "application/pdf"

_CSS = """
* {font-family: serif; font-size: 10.5pt; line-height: 1.3;}
p.top {text-align: center; font-size: 13pt; font-weight: bold; text-decoration: underline;
       margin: 0 0 8pt 0;}
h1 {font-size: 14pt; margin: 0;}
h2 {font-size: 11pt; margin: 10pt 0 4pt 0; background-color: #d9d9d9; padding: 1pt 3pt;}
table.grid {border-collapse: collapse; width: 100%;}
table.grid td, table.grid th {border: 1px solid #000; padding: 2pt 3pt; font-size: 10pt;
                              text-align: center; vertical-align: middle;}
table.grid th {background-color: #f2f2f2;}
table.kv td {padding: 0 4pt 0 0; vertical-align: top;}
ul {margin: 0 0 0 14pt;}
p {margin: 0 0 2pt 0;}
"""

_HTML = """
<p class="top">RESUME</p>
<h1>KARTHIK SUBRAMANIAN</h1>
<p>Mobile: +91-98450-12345<br/>E-mail: karthik.subramanian01@example.com<br/>
Address: No. 14, 3rd Cross, Malleswaram, Bengaluru – 560003, Karnataka</p>
<hr/>

<h2>CAREER OBJECTIVE</h2>
<p>To work in a challenging environment where I can use my technical skills for the growth of
the organization and enhance my knowledge in software development.</p>

<h2>ACADEMIC QUALIFICATIONS</h2>
<table class="grid">
<tr><th>Qualification</th><th>Institution</th><th>Board / University</th>
<th>Year of Passing</th><th>Percentage / CGPA</th></tr>
<tr><td>B.Tech (Computer Science and Engineering)</td><td>PES University, Bengaluru</td>
<td>PES University</td><td>2023</td><td>8.7 CGPA</td></tr>
<tr><td>Class XII (PCMC)</td><td>Sri Chaitanya PU College, Bengaluru</td>
<td>Karnataka PU Board</td><td>2019</td><td>94.2%</td></tr>
<tr><td>Class X</td><td>Kendriya Vidyalaya, Malleswaram</td><td>CBSE</td><td>2017</td>
<td>9.8 CGPA</td></tr>
</table>

<h2>WORK EXPERIENCE</h2>
<p><b>Associate Software Engineer</b> – Infinitum Technologies Pvt. Ltd., Bengaluru
(Aug 2023 – Present)</p>
<ul><li>Developing REST APIs in Java and Spring Boot for a retail banking client.</li>
<li>Writing MySQL queries and fixing defects in the loan module.</li></ul>
<p><b>Software Development Intern</b> – Zentrix Labs, Bengaluru (Jan 2023 – Jun 2023)</p>
<ul><li>Built React screens for an internal inventory dashboard.</li></ul>

<h2>TECHNICAL SKILLS</h2>
<table class="kv">
<tr><td width="160">Programming Languages</td><td>: Java, C, Python</td></tr>
<tr><td>Web Technologies</td><td>: HTML, CSS, JavaScript, React</td></tr>
<tr><td>Frameworks</td><td>: Spring Boot</td></tr>
<tr><td>Database</td><td>: MySQL</td></tr>
<tr><td>Tools</td><td>: Git, Eclipse, Postman</td></tr>
<tr><td>Operating Systems</td><td>: Windows, Linux</td></tr>
</table>

<h2>ACADEMIC PROJECTS</h2>
<p>1. <b>Smart Attendance System using Face Recognition</b> (Jan 2023 – May 2023)<br/>
Technologies: Python, OpenCV. Marks attendance from a classroom camera feed; 93% accuracy on
a 60-student class.</p>
<p>2. <b>Online Bus Pass Portal</b> (Aug 2022 – Nov 2022)<br/>Technologies: Java, MySQL.
Students apply and renew passes online instead of queueing at the depot.</p>

<h2>CERTIFICATIONS</h2>
<ul><li>Oracle Certified Associate, Java SE 8 Programmer – 2022</li>
<li>NPTEL – The Joy of Computing using Python (Elite) – 2021</li></ul>

<h2>EXTRA-CURRICULAR ACTIVITIES</h2>
<ul><li>NSS volunteer, 2019 – 2021; organised two blood donation camps.</li>
<li>Secured 2nd place in the inter-college coding contest "Code Sprint 2022".</li></ul>

<h2>PERSONAL DETAILS</h2>
<table class="kv">
<tr><td width="160">Father's Name</td><td>: R. Subramanian</td></tr>
<tr><td>Date of Birth</td><td>: 12-06-2001</td></tr>
<tr><td>Gender</td><td>: Male</td></tr>
<tr><td>Nationality</td><td>: Indian</td></tr>
<tr><td>Marital Status</td><td>: Single</td></tr>
<tr><td>Languages Known</td><td>: English, Hindi, Kannada, Tamil</td></tr>
<tr><td>Hobbies</td><td>: Playing chess, reading</td></tr>
</table>

<h2>DECLARATION</h2>
<p>I hereby declare that the above information is true to the best of my knowledge and
belief.</p>
<table style="width:100%; margin-top:14pt"><tr><td>Place: Bengaluru<br/>Date:</td>
<td style="text-align:right; vertical-align:bottom">(KARTHIK SUBRAMANIAN)</td></tr></table>
"""


def render() -> bytes:
    return _story.flow(_HTML, _CSS, lambda _: [(54.0, 48.0, 541.0, 800.0)])
