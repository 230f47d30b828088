/**
 * Countries, cities and their networks
 * ====================================
 *
 * Where applicants live: cities with their region, postal-code stem, telephone area codes and UTC offset
 * (standard time; the hourly rhythm does not need daylight saving), the residential ISPs and mobile
 * carriers whose address space they browse from (ASNs looked up in @ip-location-db/asn), the e-mail
 * providers people there use, and the naming cultures of the applicant population. Proportions are design
 * choices for a US employer hiring remotely, documented in seed/generate.ts.
 */
import type { Culture } from "./names.js";

export type CountryCode = "US" | "CA" | "GB" | "IN" | "DE" | "FR" | "AU" | "BR" | "PL";

export interface City {
  name: string;
  /** State / province / region code as written in addresses ("TX", "ON", "NSW", "SP"); "" where unused. */
  region: string;
  /** Postal-code stem; the generator appends digits/letters per country format. */
  postal: string;
  /** Telephone area codes (US/CA/BR); empty for countries whose applicants give mobile numbers. */
  areaCodes: readonly string[];
  /** UTC offset in hours (standard time). */
  tz: number;
  weight: number;
}

export interface CountryInfo {
  code: CountryCode;
  /** Share of the honest applicant population. */
  weight: number;
  cities: readonly City[];
  residentialAsns: readonly number[];
  /** Networks offices and coworking spaces egress from. */
  businessAsns: readonly number[];
  carrierAsns: readonly number[];
  v6Asns: readonly number[];
  emailDomains: readonly (readonly [string, number])[];
  cultures: readonly (readonly [Culture, number])[];
  streets: readonly string[];
  streetTypes: readonly string[];
  linkedinSubdomain: string;
}

const c = (name: string, region: string, postal: string, areaCodes: string, tz: number, weight: number): City => ({
  name,
  region,
  postal,
  areaCodes: areaCodes ? areaCodes.split(" ") : [],
  tz,
  weight,
});

const US_STREETS =
  `Main Oak Maple Pine Cedar Elm Washington Lake Hill Park Sunset Lincoln Jackson Franklin Highland Ridge
  River Willow Church Spring Meadow Walnut Chestnut Jefferson Madison Adams Hickory Magnolia Dogwood Birch Forest
  Valley Cherry Laurel Sycamore Aspen Poplar Mill Center Union Prospect Broad Market Bridge Grove Lakeview Hillcrest
  Fairview Woodland Orchard Summit Canyon Mesa Cypress Juniper Harbor Bay Shoreline Greenwood Briarwood Foxhill
  Kingston Stonegate Northgate Westwood Eastwood Brookside Riverside Parkview Glenwood`
    .trim()
    .split(/\s+/);
const US_STREET_TYPES = [
  "Street",
  "Avenue",
  "Road",
  "Drive",
  "Lane",
  "Court",
  "Place",
  "Boulevard",
  "Way",
  "Terrace",
  "Circle",
];

export const COUNTRIES: readonly CountryInfo[] = [
  {
    code: "US",
    weight: 0.6,
    cities: [
      c("New York", "NY", "100", "212 646 917 718 347", -5, 8),
      c("Los Angeles", "CA", "900", "213 310 323 424 818", -8, 6),
      c("Chicago", "IL", "606", "312 773 872", -6, 5),
      c("Houston", "TX", "770", "713 281 832", -6, 4),
      c("Phoenix", "AZ", "850", "602 480 623", -7, 3),
      c("Philadelphia", "PA", "191", "215 267", -5, 3),
      c("San Antonio", "TX", "782", "210 726", -6, 2),
      c("San Diego", "CA", "921", "619 858", -8, 3),
      c("Dallas", "TX", "752", "214 469 972", -6, 4),
      c("San Jose", "CA", "951", "408 669", -8, 3),
      c("San Francisco", "CA", "941", "415 628", -8, 4),
      c("Austin", "TX", "787", "512 737", -6, 4),
      c("Seattle", "WA", "981", "206 425", -8, 5),
      c("Denver", "CO", "802", "303 720", -7, 3),
      c("Boston", "MA", "021", "617 857", -5, 4),
      c("Atlanta", "GA", "303", "404 470 678", -5, 4),
      c("Miami", "FL", "331", "305 786", -5, 3),
      c("Portland", "OR", "972", "503 971", -8, 2),
      c("Minneapolis", "MN", "554", "612 763", -6, 2),
      c("Raleigh", "NC", "276", "919 984", -5, 2),
      c("Charlotte", "NC", "282", "704 980", -5, 2),
      c("Nashville", "TN", "372", "615 629", -6, 2),
      c("Columbus", "OH", "432", "614 380", -5, 2),
      c("Detroit", "MI", "482", "313 248", -5, 2),
      c("Pittsburgh", "PA", "152", "412 878", -5, 1.5),
      c("Salt Lake City", "UT", "841", "801 385", -7, 1.5),
      c("Washington", "DC", "200", "202", -5, 3),
      c("Baltimore", "MD", "212", "410 443", -5, 1.5),
      c("Sacramento", "CA", "958", "916 279", -8, 1.5),
      c("Kansas City", "MO", "641", "816", -6, 1),
      c("St. Louis", "MO", "631", "314", -6, 1),
      c("Tampa", "FL", "336", "813", -5, 1.5),
      c("Orlando", "FL", "328", "407 321", -5, 1.5),
      c("Las Vegas", "NV", "891", "702 725", -8, 1.5),
      c("Indianapolis", "IN", "462", "317 463", -5, 1),
      c("Jersey City", "NJ", "073", "201 551", -5, 1),
      c("Richmond", "VA", "232", "804", -5, 1),
      c("Madison", "WI", "537", "608", -6, 0.5),
      c("Ann Arbor", "MI", "481", "734", -5, 0.5),
      c("Cambridge", "MA", "021", "617 857", -5, 0.5),
    ],
    residentialAsns: [7922, 20115, 7018, 701, 22773, 209, 5650, 6128, 11427, 10796, 11426, 12271, 7843, 30036, 6079],
    businessAsns: [174, 6461, 3356],
    carrierAsns: [21928, 22394, 6167, 20057],
    v6Asns: [7922, 20115, 7018],
    emailDomains: [
      ["gmail.com", 45],
      ["yahoo.com", 9],
      ["outlook.com", 8],
      ["hotmail.com", 6],
      ["icloud.com", 7],
      ["aol.com", 2],
      ["protonmail.com", 1.5],
      ["comcast.net", 1.5],
      ["live.com", 1],
      ["me.com", 1],
      ["att.net", 1],
      ["verizon.net", 0.5],
    ],
    cultures: [
      ["anglo", 55],
      ["hispanic", 15],
      ["indian", 8],
      ["chinese", 6],
      ["vietnamese", 3],
      ["korean", 3],
      ["nigerian", 2],
      ["arabic", 2],
      ["slavic", 2],
      ["german", 1],
      ["french", 1],
      ["japanese", 1],
      ["polish", 1],
    ],
    streets: US_STREETS,
    streetTypes: US_STREET_TYPES,
    linkedinSubdomain: "www",
  },
  {
    code: "IN",
    weight: 0.1,
    cities: [
      c("Bengaluru", "Karnataka", "5600", "", 5.5, 5),
      c("Hyderabad", "Telangana", "5000", "", 5.5, 4),
      c("Pune", "Maharashtra", "4110", "", 5.5, 3),
      c("Mumbai", "Maharashtra", "4000", "", 5.5, 3),
      c("Chennai", "Tamil Nadu", "6000", "", 5.5, 3),
      c("New Delhi", "Delhi", "1100", "", 5.5, 2),
      c("Noida", "Uttar Pradesh", "2013", "", 5.5, 2),
      c("Gurugram", "Haryana", "1220", "", 5.5, 2),
      c("Kolkata", "West Bengal", "7000", "", 5.5, 1),
    ],
    residentialAsns: [24560, 9829],
    businessAsns: [24560, 9829],
    carrierAsns: [55836, 45609],
    v6Asns: [55836, 24560],
    emailDomains: [
      ["gmail.com", 75],
      ["yahoo.co.in", 8],
      ["outlook.com", 6],
      ["rediffmail.com", 5],
      ["hotmail.com", 4],
      ["yahoo.com", 2],
    ],
    cultures: [["indian", 1]],
    streets: `MG Brigade Residency Infantry Cunningham Richmond Lavelle Koramangala Indiranagar Jayanagar Whitefield
      Banjara Jubilee Madhapur Kondapur Baner Aundh Kothrud Andheri Powai Bandra Adyar Velachery Anna Nagar Saket
      Dwarka Vasant Rajouri`
      .trim()
      .split(/\s+/),
    streetTypes: ["Road", "Main Road", "Cross", "Layout", "Nagar"],
    linkedinSubdomain: "in",
  },
  {
    code: "GB",
    weight: 0.07,
    cities: [
      c("London", "", "SW1A E1 N1 SE1 W1 NW3 EC1 E14 SW11", "", 0, 8),
      c("Manchester", "", "M1 M4 M14 M20", "", 0, 2),
      c("Birmingham", "", "B1 B5 B15", "", 0, 2),
      c("Leeds", "", "LS1 LS6", "", 0, 1),
      c("Bristol", "", "BS1 BS8", "", 0, 1),
      c("Edinburgh", "", "EH1 EH3", "", 0, 1),
      c("Glasgow", "", "G1 G12", "", 0, 1),
      c("Cambridge", "", "CB1 CB2", "", 0, 1),
    ],
    residentialAsns: [2856, 5089, 5607, 13285],
    businessAsns: [2856, 5089],
    carrierAsns: [25135],
    v6Asns: [2856],
    emailDomains: [
      ["gmail.com", 45],
      ["hotmail.co.uk", 12],
      ["outlook.com", 10],
      ["yahoo.co.uk", 8],
      ["btinternet.com", 6],
      ["icloud.com", 6],
      ["live.co.uk", 4],
      ["sky.com", 3],
      ["googlemail.com", 3],
    ],
    cultures: [
      ["anglo", 70],
      ["indian", 12],
      ["polish", 5],
      ["nigerian", 5],
      ["arabic", 4],
      ["chinese", 4],
    ],
    streets: `High Station Church Park Victoria Green Manor Mill School Queens Kings Albert Grange Richmond York
      Windsor Chapel Alexandra Springfield Oxford Cambridge Mount Clarence Stanley`
      .trim()
      .split(/\s+/),
    streetTypes: ["Street", "Road", "Lane", "Avenue", "Close", "Gardens", "Crescent", "Way"],
    linkedinSubdomain: "uk",
  },
  {
    code: "CA",
    weight: 0.06,
    cities: [
      c("Toronto", "ON", "M5V M4W M6J M5A M2N", "416 647 437", -5, 5),
      c("Vancouver", "BC", "V6B V5K V6H", "604 778 236", -8, 3),
      c("Montreal", "QC", "H2X H3A H2T", "514 438", -5, 2),
      c("Ottawa", "ON", "K1P K2P", "613 343", -5, 1),
      c("Calgary", "AB", "T2P T3A", "403 587", -7, 1),
      c("Waterloo", "ON", "N2L N2J", "519 226", -5, 1),
    ],
    residentialAsns: [812, 577, 6327, 5769],
    businessAsns: [812, 577],
    carrierAsns: [],
    v6Asns: [812],
    emailDomains: [
      ["gmail.com", 50],
      ["hotmail.com", 12],
      ["outlook.com", 8],
      ["yahoo.ca", 8],
      ["icloud.com", 6],
      ["rogers.com", 5],
      ["shaw.ca", 4],
      ["live.ca", 4],
      ["sympatico.ca", 3],
    ],
    cultures: [
      ["anglo", 55],
      ["french", 15],
      ["chinese", 10],
      ["indian", 10],
      ["korean", 3],
      ["arabic", 3],
      ["hispanic", 2],
      ["slavic", 2],
    ],
    streets: US_STREETS.slice(0, 50),
    streetTypes: US_STREET_TYPES.slice(0, 8),
    linkedinSubdomain: "ca",
  },
  {
    code: "DE",
    weight: 0.05,
    cities: [
      c("Berlin", "", "10", "", 1, 4),
      c("München", "", "80", "", 1, 3),
      c("Hamburg", "", "20", "", 1, 2),
      c("Frankfurt am Main", "", "60", "", 1, 2),
      c("Köln", "", "50", "", 1, 1),
      c("Stuttgart", "", "70", "", 1, 1),
      c("Karlsruhe", "", "76", "", 1, 0.5),
    ],
    residentialAsns: [3320, 3209, 8881],
    businessAsns: [3320, 8881],
    carrierAsns: [6805],
    v6Asns: [3320],
    emailDomains: [
      ["gmail.com", 30],
      ["gmx.de", 20],
      ["web.de", 20],
      ["t-online.de", 10],
      ["googlemail.com", 6],
      ["outlook.com", 6],
      ["yahoo.de", 5],
      ["posteo.de", 3],
    ],
    cultures: [
      ["german", 80],
      ["turkish", 10],
      ["slavic", 5],
      ["arabic", 5],
    ],
    streets: `Haupt Bahnhof Schiller Goethe Garten Linden Berliner Kirch Schul Wald Dorf Ring Park Mozart Beethoven
      Friedrich Kaiser Wilhelm Rosen Birken Eichen Buchen Mühlen Sonnen`
      .trim()
      .split(/\s+/),
    streetTypes: ["straße", "weg", "allee", "platz", "gasse"],
    linkedinSubdomain: "de",
  },
  {
    code: "FR",
    weight: 0.03,
    cities: [
      c("Paris", "", "750", "", 1, 5),
      c("Lyon", "", "6900", "", 1, 2),
      c("Toulouse", "", "3100", "", 1, 1),
      c("Marseille", "", "130", "", 1, 1),
      c("Lille", "", "5900", "", 1, 1),
      c("Nantes", "", "4400", "", 1, 1),
    ],
    residentialAsns: [3215, 12322, 15557],
    businessAsns: [3215],
    carrierAsns: [],
    v6Asns: [3215],
    emailDomains: [
      ["gmail.com", 45],
      ["hotmail.fr", 10],
      ["orange.fr", 12],
      ["free.fr", 8],
      ["yahoo.fr", 8],
      ["outlook.fr", 6],
      ["laposte.net", 6],
      ["sfr.fr", 5],
    ],
    cultures: [
      ["french", 85],
      ["arabic", 15],
    ],
    streets: `de la République|Victor Hugo|de la Paix|Jean Jaurès|du Général de Gaulle|Pasteur|de Verdun|des Lilas|
      Saint-Michel|de la Gare|du Moulin|Voltaire|Gambetta|de Rivoli|des Écoles|Lafayette`
      .split("|")
      .map((s) => s.trim()),
    streetTypes: ["rue", "avenue", "boulevard", "place", "allée"],
    linkedinSubdomain: "fr",
  },
  {
    code: "AU",
    weight: 0.03,
    cities: [
      c("Sydney", "NSW", "20", "", 10, 4),
      c("Melbourne", "VIC", "30", "", 10, 4),
      c("Brisbane", "QLD", "40", "", 10, 2),
      c("Perth", "WA", "60", "", 8, 1),
    ],
    residentialAsns: [1221, 7545, 4804],
    businessAsns: [1221],
    carrierAsns: [],
    v6Asns: [1221],
    emailDomains: [
      ["gmail.com", 50],
      ["outlook.com", 10],
      ["hotmail.com", 10],
      ["bigpond.com", 10],
      ["yahoo.com.au", 8],
      ["icloud.com", 8],
      ["optusnet.com.au", 4],
    ],
    cultures: [
      ["anglo", 75],
      ["chinese", 10],
      ["indian", 8],
      ["vietnamese", 7],
    ],
    streets: US_STREETS.slice(10, 60),
    streetTypes: ["Street", "Road", "Avenue", "Parade", "Crescent", "Place", "Lane"],
    linkedinSubdomain: "au",
  },
  {
    code: "BR",
    weight: 0.03,
    cities: [
      c("São Paulo", "SP", "01", "11", -3, 5),
      c("Rio de Janeiro", "RJ", "20", "21", -3, 3),
      c("Belo Horizonte", "MG", "30", "31", -3, 1),
      c("Curitiba", "PR", "80", "41", -3, 1),
      c("Porto Alegre", "RS", "90", "51", -3, 1),
      c("Recife", "PE", "50", "81", -3, 1),
    ],
    residentialAsns: [28573, 27699, 18881],
    businessAsns: [28573],
    carrierAsns: [],
    v6Asns: [],
    emailDomains: [
      ["gmail.com", 60],
      ["hotmail.com", 15],
      ["outlook.com", 8],
      ["yahoo.com.br", 8],
      ["uol.com.br", 5],
      ["bol.com.br", 4],
    ],
    cultures: [["brazilian", 1]],
    streets: `Augusta|das Flores|Sete de Setembro|XV de Novembro|da Consolação|Paulista|Santos Dumont|Tiradentes|
      Dom Pedro II|Barão de Itapetininga|Vergueiro|da Liberdade|Bela Cintra|Oscar Freire`
      .split("|")
      .map((s) => s.trim()),
    streetTypes: ["Rua", "Avenida", "Alameda", "Travessa"],
    linkedinSubdomain: "br",
  },
  {
    code: "PL",
    weight: 0.03,
    cities: [
      c("Warszawa", "", "00", "", 1, 4),
      c("Kraków", "", "30", "", 1, 2),
      c("Wrocław", "", "50", "", 1, 2),
      c("Gdańsk", "", "80", "", 1, 1),
      c("Poznań", "", "60", "", 1, 1),
    ],
    residentialAsns: [5617, 12741],
    businessAsns: [5617],
    carrierAsns: [],
    v6Asns: [],
    emailDomains: [
      ["gmail.com", 40],
      ["wp.pl", 20],
      ["onet.pl", 15],
      ["o2.pl", 10],
      ["interia.pl", 10],
      ["outlook.com", 5],
    ],
    cultures: [["polish", 1]],
    streets: `Marszałkowska Mickiewicza Słowackiego Kościuszki Piłsudskiego Długa Polna Leśna Ogrodowa Krakowska
      Warszawska Kwiatowa Szkolna Lipowa Sienkiewicza Chopina`
      .trim()
      .split(/\s+/),
    streetTypes: ["ul."],
    linkedinSubdomain: "pl",
  },
];

export const COUNTRY: Readonly<Record<CountryCode, CountryInfo>> = Object.fromEntries(
  COUNTRIES.map((x) => [x.code, x]),
) as Record<CountryCode, CountryInfo>;

/** US state names the shared address normaliser unifies with their codes (server/normalise/address.ts). */
export const US_STATE_NAMES: Readonly<Record<string, string>> = {
  AZ: "Arizona",
  CA: "California",
  CO: "Colorado",
  FL: "Florida",
  GA: "Georgia",
  MA: "Massachusetts",
  MD: "Maryland",
  MI: "Michigan",
  MN: "Minnesota",
  MO: "Missouri",
  NC: "North Carolina",
  NJ: "New Jersey",
  NV: "Nevada",
  NY: "New York",
  OH: "Ohio",
  OR: "Oregon",
  PA: "Pennsylvania",
  TN: "Tennessee",
  TX: "Texas",
  UT: "Utah",
  VA: "Virginia",
  WA: "Washington",
  WI: "Wisconsin",
  IN: "Indiana",
};
