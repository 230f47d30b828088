/**
 * Education reference table
 * =========================
 *
 * Real universities as applicants type them, with the months in which each confers degrees and the
 * majors it offers, so that two education inconsistencies reported in DPRK IT-worker cases can be checked:
 * a graduation month off the school's academic calendar, and a major the school does not offer (Amazon
 * CSO, Dec 2025: "a degree from a school that does not offer that major"; 2022 State/Treasury/FBI
 * advisory: inconsistent education history).
 *
 * Where the facts come from
 * -------------------------
 * Conferral months, read from each institution's registrar / commencement pages:
 * - MIT: registrar "Paper diplomas" page and MIT Catalog "Graduation" ("degrees are awarded ... in
 *   September, February, and May"; the May award date falls at the end of May, commencement early June).
 * - Stanford: Bulletin "Conferral of Degrees" (four times a year, at the end of Autumn, Winter, Spring and
 *   Summer quarters) and the 2024-25 academic calendar (Summer conferral in September). Autumn = December,
 *   Winter = March, Spring = June is inferred from the quarter dates.
 * - Harvard: FAS Registrar "Graduation & Diplomas" and GSAS degree calendar (November, March, May).
 * - Columbia: Registrar "Graduation Requirements and Diplomas" (October, February, May; some programmes June).
 * - NYU: Registrar / Wagner "Degree completion" (September, January, May).
 * - Cornell: CALS "Commencement information" (May, August, December).
 * - University of Michigan: LSA bulletin "Graduation procedures" (April/May, August, December).
 * - UC Berkeley: Social Welfare handbook "Degree conferral" (last day of the fall, spring or summer semester:
 *   May, August, December).
 * - University of Toronto: School of Graduate Studies "Graduation & Convocation" (June, November; March in
 *   absentia).
 * - University of Waterloo: Office of Convocation (spring convocation in June, fall convocation in October).
 * - IIT Bombay: institute statements reported by the Free Press Journal (degrees awarded in August; an interim
 *   session in February for early completers).
 * Everything else marked `[inferred]` below is inferred from the institution's published term structure
 * (semester schools: May, August, December; quarter schools: the month each quarter ends; UK schools: summer
 * and winter graduation) and was not re-checked against a registrar page in this build.
 * `conferralMonths: null` means the degree is dated by the examination board whenever the last exam or
 * thesis is graded (German, French, Brazilian and Polish universities): any month is plausible.
 *
 * Majors: the programmes in each institution's published list of undergraduate and graduate degree
 * programmes; for US institutions these are the programmes reported to NCES IPEDS (Completions survey, as
 * shown by NCES College Navigator "Programs/Majors"). They were compiled from those catalogues by name and
 * are `[inferred]` in the sense that they were not re-verified against IPEDS in this build; only majors in the
 * vocabulary below are listed, and a school's absence from a major here means it has no programme of that
 * name (e.g. Princeton has no business school, Caltech no nursing, MIT no "Software Engineering" degree).
 */

export type MajorId =
  | "computer_science"
  | "computer_engineering"
  | "software_engineering"
  | "electrical_engineering"
  | "mechanical_engineering"
  | "civil_engineering"
  | "chemical_engineering"
  | "aerospace_engineering"
  | "industrial_engineering"
  | "information_technology"
  | "information_systems"
  | "cybersecurity"
  | "data_science"
  | "mathematics"
  | "statistics"
  | "physics"
  | "chemistry"
  | "biology"
  | "economics"
  | "business_administration"
  | "finance"
  | "accounting"
  | "marketing"
  | "psychology"
  | "english"
  | "political_science"
  | "nursing"
  | "graphic_design";

/** Canonical major names and the other ways applicants write them. */
export const MAJORS: Readonly<Record<MajorId, { name: string; aliases: readonly string[] }>> = {
  computer_science: {
    name: "Computer Science",
    aliases: ["CS", "Comp Sci", "CompSci", "Computer Sciences", "Computing Science"],
  },
  computer_engineering: { name: "Computer Engineering", aliases: ["CompE", "Computer Engg"] },
  software_engineering: { name: "Software Engineering", aliases: ["Software Engg", "SWE"] },
  electrical_engineering: {
    name: "Electrical Engineering",
    aliases: [
      "EE",
      "Electrical and Computer Engineering",
      "ECE",
      "Electronics and Communication Engineering",
      "Electrical Engg",
    ],
  },
  mechanical_engineering: { name: "Mechanical Engineering", aliases: ["ME", "Mechanical Engg"] },
  civil_engineering: { name: "Civil Engineering", aliases: ["Civil and Environmental Engineering", "Civil Engg"] },
  chemical_engineering: { name: "Chemical Engineering", aliases: ["Chemical and Biomolecular Engineering", "ChemE"] },
  aerospace_engineering: {
    name: "Aerospace Engineering",
    aliases: ["Aeronautics and Astronautics", "Aeronautical Engineering"],
  },
  industrial_engineering: {
    name: "Industrial Engineering",
    aliases: [
      "Industrial and Systems Engineering",
      "Operations Research",
      "Industrial Engineering and Operations Research",
    ],
  },
  information_technology: { name: "Information Technology", aliases: ["IT", "Computer and Information Technology"] },
  information_systems: {
    name: "Information Systems",
    aliases: ["Management Information Systems", "MIS", "Computer Information Systems", "Information Science"],
  },
  cybersecurity: { name: "Cybersecurity", aliases: ["Cyber Security", "Information Security"] },
  data_science: { name: "Data Science", aliases: ["Data Analytics", "Statistics and Data Science"] },
  mathematics: { name: "Mathematics", aliases: ["Math", "Maths", "Applied Mathematics"] },
  statistics: { name: "Statistics", aliases: ["Applied Statistics"] },
  physics: { name: "Physics", aliases: ["Applied Physics"] },
  chemistry: { name: "Chemistry", aliases: [] },
  biology: { name: "Biology", aliases: ["Biological Sciences", "Molecular Biology"] },
  economics: { name: "Economics", aliases: ["Econ"] },
  business_administration: { name: "Business Administration", aliases: ["Business", "Management", "MBA", "BBA"] },
  finance: { name: "Finance", aliases: [] },
  accounting: { name: "Accounting", aliases: ["Accountancy"] },
  marketing: { name: "Marketing", aliases: [] },
  psychology: { name: "Psychology", aliases: [] },
  english: { name: "English", aliases: ["English Literature", "English Language and Literature"] },
  political_science: { name: "Political Science", aliases: ["Government", "Politics"] },
  nursing: { name: "Nursing", aliases: ["BSN"] },
  graphic_design: { name: "Graphic Design", aliases: ["Communication Design", "Visual Communication Design"] },
};

export interface University {
  id: string;
  /** The name as most applicants type it. */
  name: string;
  aliases: readonly string[];
  /** ISO 3166-1 alpha-2. */
  country: string;
  city: string;
  /** Student e-mail domain. */
  domain: string;
  /** The university's own autonomous system, where it has one (campus NAT egress). */
  asn?: number;
  /** Months (1–12) in which degrees are conferred; null when any month is plausible. */
  conferralMonths: readonly number[] | null;
  majors: readonly MajorId[];
  /** Where the calendar comes from (see the header). */
  calendarSource: string;
}

const SEMESTER = [5, 8, 12] as const;
const ENG: MajorId[] = [
  "computer_science",
  "computer_engineering",
  "electrical_engineering",
  "mechanical_engineering",
  "civil_engineering",
  "chemical_engineering",
];
const SCI: MajorId[] = ["mathematics", "physics", "chemistry", "biology", "economics"];
const ARTS: MajorId[] = ["psychology", "english", "political_science"];
const BIZ: MajorId[] = ["business_administration", "finance", "accounting", "marketing"];

const u = (x: University): University => x;

export const UNIVERSITIES: readonly University[] = [
  // United States
  u({
    id: "mit",
    name: "Massachusetts Institute of Technology",
    aliases: ["MIT", "M.I.T."],
    country: "US",
    city: "Cambridge, MA",
    domain: "mit.edu",
    asn: 3,
    conferralMonths: [2, 5, 6, 9],
    calendarSource: "MIT Registrar, MIT Catalog",
    majors: [
      ...ENG.filter((m) => m !== "computer_engineering"),
      "aerospace_engineering",
      ...SCI,
      "political_science",
      "business_administration",
      "data_science",
      "statistics",
    ],
  }),
  u({
    id: "stanford",
    name: "Stanford University",
    aliases: ["Stanford"],
    country: "US",
    city: "Stanford, CA",
    domain: "stanford.edu",
    asn: 32,
    conferralMonths: [3, 6, 9, 12],
    calendarSource: "Stanford Bulletin; academic calendar (Autumn/Winter months inferred)",
    majors: [
      "computer_science",
      "electrical_engineering",
      "mechanical_engineering",
      "civil_engineering",
      "chemical_engineering",
      "aerospace_engineering",
      "industrial_engineering",
      ...SCI,
      "statistics",
      "data_science",
      ...ARTS,
      "business_administration",
    ],
  }),
  u({
    id: "harvard",
    name: "Harvard University",
    aliases: ["Harvard", "Harvard College"],
    country: "US",
    city: "Cambridge, MA",
    domain: "harvard.edu",
    conferralMonths: [3, 5, 11],
    calendarSource: "Harvard FAS Registrar; GSAS degree calendar",
    majors: [
      "computer_science",
      "electrical_engineering",
      "mechanical_engineering",
      ...SCI,
      "statistics",
      "data_science",
      ...ARTS,
      "business_administration",
    ],
  }),
  u({
    id: "columbia",
    name: "Columbia University",
    aliases: ["Columbia", "Columbia University in the City of New York"],
    country: "US",
    city: "New York, NY",
    domain: "columbia.edu",
    asn: 14,
    conferralMonths: [2, 5, 10],
    calendarSource: "Columbia Registrar",
    majors: [
      ...ENG,
      "industrial_engineering",
      ...SCI,
      "statistics",
      "data_science",
      ...ARTS,
      "business_administration",
      "finance",
      "nursing",
    ],
  }),
  u({
    id: "nyu",
    name: "New York University",
    aliases: ["NYU", "N.Y.U."],
    country: "US",
    city: "New York, NY",
    domain: "nyu.edu",
    asn: 12,
    conferralMonths: [1, 5, 9],
    calendarSource: "NYU Registrar; Wagner degree completion",
    majors: [...ENG, ...SCI, "data_science", "cybersecurity", "information_systems", ...ARTS, ...BIZ, "nursing"],
  }),
  u({
    id: "cornell",
    name: "Cornell University",
    aliases: ["Cornell"],
    country: "US",
    city: "Ithaca, NY",
    domain: "cornell.edu",
    asn: 26,
    conferralMonths: [5, 8, 12],
    calendarSource: "Cornell CALS commencement information",
    majors: [
      ...ENG,
      "industrial_engineering",
      ...SCI,
      "statistics",
      "information_systems",
      ...ARTS,
      "business_administration",
    ],
  }),
  u({
    id: "cmu",
    name: "Carnegie Mellon University",
    aliases: ["CMU", "Carnegie Mellon"],
    country: "US",
    city: "Pittsburgh, PA",
    domain: "andrew.cmu.edu",
    asn: 9,
    conferralMonths: SEMESTER,
    calendarSource: "[inferred] semester calendar",
    majors: [
      ...ENG,
      ...SCI,
      "statistics",
      "software_engineering",
      "cybersecurity",
      "information_systems",
      ...ARTS,
      "business_administration",
      "graphic_design",
    ],
  }),
  u({
    id: "berkeley",
    name: "University of California, Berkeley",
    aliases: ["UC Berkeley", "Berkeley", "UCB", "Cal"],
    country: "US",
    city: "Berkeley, CA",
    domain: "berkeley.edu",
    asn: 25,
    conferralMonths: SEMESTER,
    calendarSource: "UC Berkeley degree conferral policy",
    majors: [
      "computer_science",
      "electrical_engineering",
      "mechanical_engineering",
      "civil_engineering",
      "chemical_engineering",
      "industrial_engineering",
      ...SCI,
      "statistics",
      "data_science",
      "cybersecurity",
      ...ARTS,
      "business_administration",
    ],
  }),
  u({
    id: "ucla",
    name: "University of California, Los Angeles",
    aliases: ["UCLA"],
    country: "US",
    city: "Los Angeles, CA",
    domain: "ucla.edu",
    asn: 52,
    conferralMonths: [3, 6, 9, 12],
    calendarSource: "[inferred] quarter calendar",
    majors: [
      ...ENG,
      "aerospace_engineering",
      ...SCI,
      "statistics",
      "data_science",
      ...ARTS,
      "business_administration",
      "nursing",
    ],
  }),
  u({
    id: "uw",
    name: "University of Washington",
    aliases: ["UW", "UW Seattle", "Univ. of Washington"],
    country: "US",
    city: "Seattle, WA",
    domain: "uw.edu",
    asn: 73,
    conferralMonths: [3, 6, 8, 12],
    calendarSource: "[inferred] quarter calendar (summer quarter ends in August)",
    majors: [
      ...ENG,
      "aerospace_engineering",
      "industrial_engineering",
      ...SCI,
      "statistics",
      "data_science",
      "information_systems",
      ...ARTS,
      ...BIZ,
      "nursing",
    ],
  }),
  u({
    id: "uiuc",
    name: "University of Illinois Urbana-Champaign",
    aliases: ["UIUC", "University of Illinois", "U of I", "Illinois"],
    country: "US",
    city: "Urbana, IL",
    domain: "illinois.edu",
    asn: 38,
    conferralMonths: SEMESTER,
    calendarSource: "[inferred] semester calendar",
    majors: [
      ...ENG,
      "aerospace_engineering",
      "industrial_engineering",
      ...SCI,
      "statistics",
      "information_systems",
      ...ARTS,
      ...BIZ,
      "graphic_design",
    ],
  }),
  u({
    id: "gatech",
    name: "Georgia Institute of Technology",
    aliases: ["Georgia Tech", "GT", "Georgia Inst. of Technology"],
    country: "US",
    city: "Atlanta, GA",
    domain: "gatech.edu",
    asn: 2637,
    conferralMonths: SEMESTER,
    calendarSource: "[inferred] semester calendar",
    majors: [
      ...ENG,
      "aerospace_engineering",
      "industrial_engineering",
      ...SCI,
      "psychology",
      "cybersecurity",
      "business_administration",
    ],
  }),
  u({
    id: "utaustin",
    name: "The University of Texas at Austin",
    aliases: ["UT Austin", "University of Texas at Austin", "UT"],
    country: "US",
    city: "Austin, TX",
    domain: "utexas.edu",
    asn: 18,
    conferralMonths: SEMESTER,
    calendarSource: "[inferred] semester calendar",
    majors: [
      ...ENG,
      "aerospace_engineering",
      ...SCI,
      "statistics",
      "data_science",
      "information_systems",
      ...ARTS,
      ...BIZ,
      "nursing",
    ],
  }),
  u({
    id: "umich",
    name: "University of Michigan",
    aliases: ["UMich", "U of M", "University of Michigan, Ann Arbor", "Michigan"],
    country: "US",
    city: "Ann Arbor, MI",
    domain: "umich.edu",
    asn: 36375,
    conferralMonths: [4, 5, 8, 12],
    calendarSource: "U-M LSA bulletin, graduation procedures",
    majors: [
      ...ENG,
      "aerospace_engineering",
      "industrial_engineering",
      ...SCI,
      "statistics",
      "data_science",
      "information_systems",
      ...ARTS,
      "business_administration",
      "accounting",
      "nursing",
    ],
  }),
  u({
    id: "purdue",
    name: "Purdue University",
    aliases: ["Purdue", "Purdue University West Lafayette"],
    country: "US",
    city: "West Lafayette, IN",
    domain: "purdue.edu",
    asn: 17,
    conferralMonths: SEMESTER,
    calendarSource: "[inferred] semester calendar",
    majors: [
      ...ENG,
      "aerospace_engineering",
      "industrial_engineering",
      ...SCI,
      "statistics",
      "data_science",
      "information_technology",
      "cybersecurity",
      ...ARTS,
      ...BIZ,
      "nursing",
    ],
  }),
  u({
    id: "princeton",
    name: "Princeton University",
    aliases: ["Princeton"],
    country: "US",
    city: "Princeton, NJ",
    domain: "princeton.edu",
    asn: 88,
    conferralMonths: [1, 5],
    calendarSource: "[inferred] one Commencement in May; January for graduate degrees",
    majors: [
      "computer_science",
      "electrical_engineering",
      "mechanical_engineering",
      "civil_engineering",
      "chemical_engineering",
      "aerospace_engineering",
      ...SCI,
      ...ARTS,
      "finance",
    ],
  }),
  u({
    id: "caltech",
    name: "California Institute of Technology",
    aliases: ["Caltech", "CIT"],
    country: "US",
    city: "Pasadena, CA",
    domain: "caltech.edu",
    conferralMonths: [6],
    calendarSource: "[inferred] one Commencement in June",
    majors: [
      "computer_science",
      "electrical_engineering",
      "mechanical_engineering",
      "chemical_engineering",
      "aerospace_engineering",
      ...SCI,
    ],
  }),
  u({
    id: "wisc",
    name: "University of Wisconsin-Madison",
    aliases: ["UW-Madison", "UW Madison", "University of Wisconsin"],
    country: "US",
    city: "Madison, WI",
    domain: "wisc.edu",
    asn: 59,
    conferralMonths: SEMESTER,
    calendarSource: "[inferred] semester calendar",
    majors: [
      ...ENG,
      "industrial_engineering",
      ...SCI,
      "statistics",
      "data_science",
      "information_systems",
      ...ARTS,
      ...BIZ,
      "nursing",
    ],
  }),
  u({
    id: "upenn",
    name: "University of Pennsylvania",
    aliases: ["UPenn", "Penn", "U Penn"],
    country: "US",
    city: "Philadelphia, PA",
    domain: "upenn.edu",
    asn: 55,
    conferralMonths: SEMESTER,
    calendarSource: "[inferred] semester calendar",
    majors: [
      ...ENG.filter((m) => m !== "civil_engineering"),
      ...SCI,
      "statistics",
      "data_science",
      ...ARTS,
      ...BIZ,
      "nursing",
    ],
  }),
  u({
    id: "psu",
    name: "Pennsylvania State University",
    aliases: ["Penn State", "PSU", "Penn State University"],
    country: "US",
    city: "University Park, PA",
    domain: "psu.edu",
    conferralMonths: SEMESTER,
    calendarSource: "[inferred] semester calendar",
    majors: [
      ...ENG,
      "aerospace_engineering",
      "industrial_engineering",
      "software_engineering",
      ...SCI,
      "statistics",
      "data_science",
      "information_technology",
      "information_systems",
      "cybersecurity",
      ...ARTS,
      ...BIZ,
      "nursing",
      "graphic_design",
    ],
  }),
  u({
    id: "asu",
    name: "Arizona State University",
    aliases: ["ASU", "Arizona State"],
    country: "US",
    city: "Tempe, AZ",
    domain: "asu.edu",
    conferralMonths: SEMESTER,
    calendarSource: "[inferred] semester calendar",
    majors: [
      ...ENG,
      "aerospace_engineering",
      "industrial_engineering",
      "software_engineering",
      ...SCI,
      "statistics",
      "data_science",
      "information_technology",
      "information_systems",
      "cybersecurity",
      ...ARTS,
      ...BIZ,
      "nursing",
      "graphic_design",
    ],
  }),
  u({
    id: "sjsu",
    name: "San Jose State University",
    aliases: ["SJSU", "San José State University"],
    country: "US",
    city: "San Jose, CA",
    domain: "sjsu.edu",
    conferralMonths: SEMESTER,
    calendarSource: "[inferred] semester calendar",
    majors: [
      ...ENG,
      "aerospace_engineering",
      "industrial_engineering",
      "software_engineering",
      ...SCI,
      "statistics",
      "information_systems",
      ...ARTS,
      ...BIZ,
      "nursing",
      "graphic_design",
    ],
  }),
  u({
    id: "neu",
    name: "Northeastern University",
    aliases: ["Northeastern", "NEU"],
    country: "US",
    city: "Boston, MA",
    domain: "northeastern.edu",
    conferralMonths: SEMESTER,
    calendarSource: "[inferred] semester calendar",
    majors: [
      ...ENG,
      "industrial_engineering",
      ...SCI,
      "data_science",
      "cybersecurity",
      "information_systems",
      ...ARTS,
      ...BIZ,
      "nursing",
    ],
  }),
  u({
    id: "ucsd",
    name: "University of California San Diego",
    aliases: ["UCSD", "UC San Diego"],
    country: "US",
    city: "La Jolla, CA",
    domain: "ucsd.edu",
    asn: 7377,
    conferralMonths: [3, 6, 9, 12],
    calendarSource: "[inferred] quarter calendar",
    majors: [...ENG, "aerospace_engineering", ...SCI, "data_science", ...ARTS, "business_administration"],
  }),
  // Canada
  u({
    id: "utoronto",
    name: "University of Toronto",
    aliases: ["U of T", "UofT", "UToronto"],
    country: "CA",
    city: "Toronto, ON",
    domain: "mail.utoronto.ca",
    conferralMonths: [3, 6, 11],
    calendarSource: "U of T School of Graduate Studies",
    majors: [
      ...ENG,
      "industrial_engineering",
      "aerospace_engineering",
      ...SCI,
      "statistics",
      "data_science",
      ...ARTS,
      "business_administration",
      "finance",
      "accounting",
      "nursing",
    ],
  }),
  u({
    id: "uwaterloo",
    name: "University of Waterloo",
    aliases: ["UWaterloo", "Waterloo"],
    country: "CA",
    city: "Waterloo, ON",
    domain: "uwaterloo.ca",
    conferralMonths: [6, 10],
    calendarSource: "Waterloo Office of Convocation",
    majors: [
      ...ENG,
      "software_engineering",
      ...SCI,
      "statistics",
      "data_science",
      "accounting",
      "finance",
      "psychology",
      "english",
      "political_science",
    ],
  }),
  u({
    id: "ubc",
    name: "University of British Columbia",
    aliases: ["UBC"],
    country: "CA",
    city: "Vancouver, BC",
    domain: "student.ubc.ca",
    conferralMonths: [5, 11],
    calendarSource: "[inferred] May and November congregations",
    majors: [...ENG, ...SCI, "statistics", "data_science", ...ARTS, ...BIZ, "nursing"],
  }),
  // United Kingdom
  u({
    id: "imperial",
    name: "Imperial College London",
    aliases: ["Imperial", "Imperial College"],
    country: "GB",
    city: "London",
    domain: "imperial.ac.uk",
    conferralMonths: [5, 6, 7, 10, 11, 12],
    calendarSource: "[inferred] exam boards in summer and autumn",
    majors: [
      ...ENG.filter((m) => m !== "computer_engineering"),
      "aerospace_engineering",
      "mathematics",
      "physics",
      "chemistry",
      "biology",
      "economics",
      "finance",
      "business_administration",
    ],
  }),
  u({
    id: "ucl",
    name: "University College London",
    aliases: ["UCL"],
    country: "GB",
    city: "London",
    domain: "ucl.ac.uk",
    conferralMonths: [6, 7, 9, 11, 12],
    calendarSource: "[inferred] summer and winter graduation",
    majors: [
      "computer_science",
      "electrical_engineering",
      "mechanical_engineering",
      "civil_engineering",
      "chemical_engineering",
      ...SCI,
      "statistics",
      "data_science",
      ...ARTS,
      "business_administration",
    ],
  }),
  u({
    id: "manchester",
    name: "University of Manchester",
    aliases: ["Manchester", "UoM", "The University of Manchester"],
    country: "GB",
    city: "Manchester",
    domain: "student.manchester.ac.uk",
    conferralMonths: [6, 7, 12],
    calendarSource: "[inferred] summer and winter graduation",
    majors: [...ENG, "aerospace_engineering", ...SCI, ...ARTS, ...BIZ, "nursing", "software_engineering"],
  }),
  u({
    id: "edinburgh",
    name: "University of Edinburgh",
    aliases: ["Edinburgh", "UoE"],
    country: "GB",
    city: "Edinburgh",
    domain: "ed.ac.uk",
    conferralMonths: [6, 7, 11, 12],
    calendarSource: "[inferred] summer and winter graduation",
    majors: [
      "computer_science",
      "electrical_engineering",
      "mechanical_engineering",
      "civil_engineering",
      "chemical_engineering",
      ...SCI,
      "data_science",
      ...ARTS,
      "business_administration",
      "accounting",
      "nursing",
    ],
  }),
  // India
  u({
    id: "iitb",
    name: "Indian Institute of Technology Bombay",
    aliases: ["IIT Bombay", "IITB", "IIT-B"],
    country: "IN",
    city: "Mumbai",
    domain: "iitb.ac.in",
    conferralMonths: [2, 8],
    calendarSource: "IIT Bombay convocation (August; interim session February)",
    majors: [
      "computer_science",
      "electrical_engineering",
      "mechanical_engineering",
      "civil_engineering",
      "chemical_engineering",
      "aerospace_engineering",
      "mathematics",
      "physics",
      "chemistry",
      "economics",
      "business_administration",
    ],
  }),
  u({
    id: "iitd",
    name: "Indian Institute of Technology Delhi",
    aliases: ["IIT Delhi", "IITD"],
    country: "IN",
    city: "New Delhi",
    domain: "iitd.ac.in",
    conferralMonths: [7, 8, 11],
    calendarSource: "[inferred] convocation in late July/August (earlier years November)",
    majors: [
      "computer_science",
      "electrical_engineering",
      "mechanical_engineering",
      "civil_engineering",
      "chemical_engineering",
      "mathematics",
      "physics",
      "chemistry",
      "business_administration",
    ],
  }),
  u({
    id: "iitm",
    name: "Indian Institute of Technology Madras",
    aliases: ["IIT Madras", "IITM"],
    country: "IN",
    city: "Chennai",
    domain: "smail.iitm.ac.in",
    conferralMonths: [7],
    calendarSource: "[inferred] convocation in July",
    majors: [
      "computer_science",
      "electrical_engineering",
      "mechanical_engineering",
      "civil_engineering",
      "chemical_engineering",
      "aerospace_engineering",
      "mathematics",
      "physics",
      "chemistry",
      "data_science",
      "business_administration",
    ],
  }),
  u({
    id: "anna",
    name: "Anna University",
    aliases: ["Anna Univ", "Anna University Chennai"],
    country: "IN",
    city: "Chennai",
    domain: "annauniv.edu",
    conferralMonths: [4, 5, 6, 11, 12],
    calendarSource: "[inferred] results after April/May and Nov/Dec examinations",
    majors: [
      ...ENG,
      "information_technology",
      "aerospace_engineering",
      "mathematics",
      "physics",
      "chemistry",
      "business_administration",
    ],
  }),
  u({
    id: "vtu",
    name: "Visvesvaraya Technological University",
    aliases: ["VTU"],
    country: "IN",
    city: "Belagavi",
    domain: "vtu.ac.in",
    conferralMonths: [1, 2, 6, 7, 8],
    calendarSource: "[inferred] results after the even and odd semester examinations",
    majors: [...ENG, "information_technology", "aerospace_engineering", "business_administration"],
  }),
  u({
    id: "du",
    name: "University of Delhi",
    aliases: ["Delhi University", "DU"],
    country: "IN",
    city: "New Delhi",
    domain: "du.ac.in",
    conferralMonths: [5, 6, 7, 8],
    calendarSource: "[inferred] results after the May examinations",
    majors: ["computer_science", ...SCI, "statistics", ...ARTS, "business_administration", "finance", "accounting"],
  }),
  // Germany, France, Poland, Brazil, Australia, China
  u({
    id: "tum",
    name: "Technical University of Munich",
    aliases: ["TUM", "TU München", "Technische Universität München", "TU Munich"],
    country: "DE",
    city: "Munich",
    domain: "tum.de",
    conferralMonths: null,
    calendarSource: "degree dated by the examination board",
    majors: [
      ...ENG,
      "aerospace_engineering",
      "mathematics",
      "physics",
      "chemistry",
      "biology",
      "data_science",
      "business_administration",
    ],
  }),
  u({
    id: "kit",
    name: "Karlsruhe Institute of Technology",
    aliases: ["KIT"],
    country: "DE",
    city: "Karlsruhe",
    domain: "student.kit.edu",
    conferralMonths: null,
    calendarSource: "degree dated by the examination board",
    majors: [...ENG, "industrial_engineering", "mathematics", "physics", "chemistry", "biology", "economics"],
  }),
  u({
    id: "sorbonne",
    name: "Sorbonne Université",
    aliases: ["Sorbonne University", "Sorbonne", "Université Pierre et Marie Curie", "UPMC"],
    country: "FR",
    city: "Paris",
    domain: "etu.sorbonne-universite.fr",
    conferralMonths: null,
    calendarSource: "diploma dated by the jury",
    majors: [
      "computer_science",
      "electrical_engineering",
      "mechanical_engineering",
      "mathematics",
      "physics",
      "chemistry",
      "biology",
      "english",
      "psychology",
    ],
  }),
  u({
    id: "pw",
    name: "Warsaw University of Technology",
    aliases: ["Politechnika Warszawska", "WUT", "PW"],
    country: "PL",
    city: "Warsaw",
    domain: "pw.edu.pl",
    conferralMonths: null,
    calendarSource: "diploma dated by the examination board",
    majors: [
      ...ENG,
      "aerospace_engineering",
      "mathematics",
      "physics",
      "chemistry",
      "information_technology",
      "business_administration",
    ],
  }),
  u({
    id: "usp",
    name: "Universidade de São Paulo",
    aliases: ["USP", "University of São Paulo", "Universidade de Sao Paulo"],
    country: "BR",
    city: "São Paulo",
    domain: "usp.br",
    conferralMonths: null,
    calendarSource: "diploma dated at colação de grau, held through the year",
    majors: [...ENG, ...SCI, "statistics", "information_systems", ...ARTS, ...BIZ, "nursing"],
  }),
  u({
    id: "unimelb",
    name: "University of Melbourne",
    aliases: ["Melbourne Uni", "UniMelb", "The University of Melbourne"],
    country: "AU",
    city: "Melbourne",
    domain: "student.unimelb.edu.au",
    conferralMonths: [3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
    calendarSource: "[inferred] graduation ceremonies through the year except January-February",
    majors: [...ENG, ...SCI, "statistics", "data_science", "information_systems", ...ARTS, ...BIZ, "nursing"],
  }),
  u({
    id: "tsinghua",
    name: "Tsinghua University",
    aliases: ["Tsinghua", "THU"],
    country: "CN",
    city: "Beijing",
    domain: "mails.tsinghua.edu.cn",
    conferralMonths: [1, 6, 7],
    calendarSource: "[inferred] summer graduation (June/July), winter (January)",
    majors: [
      ...ENG,
      "aerospace_engineering",
      "industrial_engineering",
      "software_engineering",
      ...SCI,
      "business_administration",
    ],
  }),
  u({
    id: "pku",
    name: "Peking University",
    aliases: ["PKU", "Beijing University"],
    country: "CN",
    city: "Beijing",
    domain: "pku.edu.cn",
    conferralMonths: [1, 6, 7],
    calendarSource: "[inferred] summer graduation (June/July), winter (January)",
    majors: [
      "computer_science",
      "electrical_engineering",
      "software_engineering",
      ...SCI,
      "statistics",
      ...ARTS,
      "business_administration",
      "finance",
    ],
  }),
];

/** Folds a typed school or major name: case, accents, punctuation, "the", "&" and "univ." variants. */
export function foldName(raw: string): string {
  return raw
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/\buniv\b\.?/g, "university")
    .replace(/\binst\b\.?/g, "institute")
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .replace(/^the /, "");
}

const UNIVERSITY_BY_NAME = new Map<string, University>();
for (const uni of UNIVERSITIES) {
  for (const n of [uni.name, ...uni.aliases]) {
    const key = foldName(n);
    // Short aliases shared by two schools ("UT", "Penn") stay with the first; the table lists the likelier first.
    if (!UNIVERSITY_BY_NAME.has(key)) UNIVERSITY_BY_NAME.set(key, uni);
  }
}

const MAJOR_BY_NAME = new Map<string, MajorId>();
for (const [id, m] of Object.entries(MAJORS) as [MajorId, (typeof MAJORS)[MajorId]][]) {
  for (const n of [m.name, ...m.aliases]) if (!MAJOR_BY_NAME.has(foldName(n))) MAJOR_BY_NAME.set(foldName(n), id);
}

export function findUniversity(name: string | null | undefined): University | undefined {
  if (!name) return undefined;
  return UNIVERSITY_BY_NAME.get(foldName(name));
}

export function findMajor(name: string | null | undefined): MajorId | undefined {
  if (!name) return undefined;
  return MAJOR_BY_NAME.get(foldName(name));
}

/**
 * Whether the school offers the major: true / false when both are known, undefined when either the
 * school or the major is not in the table (no judgement possible).
 */
export function offersMajor(university: string | University | null | undefined, major: string | null | undefined) {
  const uni = typeof university === "string" || university == null ? findUniversity(university) : university;
  const id = findMajor(major);
  if (!uni || !id) return undefined;
  return uni.majors.includes(id);
}

/**
 * Whether a graduation date (YYYY, YYYY-MM or YYYY-MM-DD) falls in a month the school confers degrees:
 * true / false, or undefined when the school is unknown, has no fixed calendar or the date has no month.
 */
export function graduationMonthPlausible(
  university: string | University | null | undefined,
  graduationDate: string | null | undefined,
): boolean | undefined {
  const uni = typeof university === "string" || university == null ? findUniversity(university) : university;
  if (!uni || !uni.conferralMonths || !graduationDate) return undefined;
  const m = /^\d{4}-(\d{2})/.exec(graduationDate.trim());
  if (!m) return undefined;
  return uni.conferralMonths.includes(Number(m[1]));
}
