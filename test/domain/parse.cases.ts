/** Realistic lead texts as reps paste them, with the facts the parser must find. `absent` lists facts that
 * must stay unknown (never guessed); `quote` pins the exact words a fact must point at. */
export interface ParseCase {
  name: string;
  text: string;
  expect: Record<string, unknown>;
  absent?: string[];
  quote?: Record<string, string>;
}

export const CASES: ParseCase[] = [
  // ---- one-liners
  {
    name: "one-liner with title, company, size, email, city",
    text: "Priya Raman, VP of Sales at Northwind (400 employees), priya@northwind.com, Chicago",
    expect: {
      name: "Priya Raman",
      title: "VP of Sales",
      seniority: "vp",
      department: "sales",
      company: "Northwind",
      employees: { min: 400, max: 400 },
      email: "priya@northwind.com",
      emailDomain: "northwind.com",
      domainKind: "corporate",
      country: "US",
    },
    absent: ["budget", "revenue", "industry"],
    quote: { employees: "400 employees", country: "Chicago" },
  },
  {
    name: "lower-case one-liner",
    text: "tom, head of procurement at globex, 10k+ staff, needs an RFP",
    expect: {
      title: "head of procurement",
      seniority: "director",
      department: "procurement",
      company: "globex",
    },
    quote: { employees: "10k+ staff" },
  },
  {
    name: "open range 10k+",
    text: "Enterprise lead, 10k+ employees, lots of stakeholders",
    expect: { employees: { min: 10000, max: Number.POSITIVE_INFINITY } },
  },
  {
    name: "range with en dash",
    text: "Marketing Director at Bloom Digital, 50–200 employees, London",
    expect: {
      seniority: "director",
      department: "marketing",
      employees: { min: 50, max: 200 },
      country: "GB",
    },
  },
  {
    name: "thousands separator",
    text: "Ops manager at Initech, 2,500 staff, Austin, TX",
    expect: { seniority: "manager", employees: { min: 2500, max: 2500 }, country: "US", company: "Initech" },
  },
  {
    name: "a 4-person team",
    text: "Sam runs a 4-person team at a small design studio, sam@gmail.com",
    expect: { employees: { min: 4, max: 4 }, domainKind: "free", emailDomain: "gmail.com" },
  },
  {
    name: "team of 12",
    text: "Founder of Brightside, team of 12, based in Berlin",
    expect: { seniority: "c_level", employees: { min: 12, max: 12 }, country: "DE" },
  },
  {
    name: "over N people",
    text: "COO at Vandelay Industries, over 500 people across 3 sites",
    expect: { seniority: "c_level", employees: { min: 500, max: Number.POSITIVE_INFINITY } },
  },
  {
    name: "freelancer is a team of one",
    text: "I'm a freelancer building sites for local shops, need something cheap",
    expect: { employees: { min: 1, max: 1 } },
  },
  {
    name: "student one-liner",
    text: "Hi! I'm a student at Stanford working on my thesis about CRM adoption",
    expect: { seniority: "student", title: "student", company: "Stanford" },
  },
  {
    name: "intern gathering prices",
    text: "intern looking for the cheapest option for my manager",
    expect: { title: "intern", seniority: "intern" },
    absent: ["company"],
  },
  {
    name: "assistant to the CEO is not C-level",
    text: "Executive Assistant to the CEO, Umbrella Corp",
    expect: { seniority: "individual", department: "administration" },
  },
  {
    name: "CEO and co-founder with emoji",
    text: "🚀 Sam (CEO & co-founder) from a 4-person team, sam@mailinator.com 🙏",
    expect: { seniority: "c_level", domainKind: "disposable", employees: { min: 4, max: 4 } },
    quote: { title: "CEO & co-founder" },
  },
  {
    name: "messy spacing",
    text: "   Dana   Scully ,   Director of IT   at   FBI Labs  ,  dana@fbilabs.io   ",
    expect: { seniority: "director", department: "it", email: "dana@fbilabs.io" },
  },
  {
    name: "our CEO mentioned is not the contact's title",
    text: "Jordan here from Acme Inc. I need to get approval from our CEO before buying. jordan@acme.com",
    expect: { company: "Acme Inc", email: "jordan@acme.com" },
    absent: ["seniority", "title"],
  },
  {
    name: "budget per month",
    text: "Office manager at Kwik-E-Mart, budget ~ $300/month",
    expect: { budget: { amount: 300, currency: "USD", period: "month" }, seniority: "manager" },
  },
  {
    name: "budget with k and EUR after",
    text: "Budget around 20k EUR per year, CMO at Fabrikam",
    expect: {
      budget: { amount: 20000, currency: "EUR", period: "year" },
      seniority: "c_level",
      department: "marketing",
    },
  },
  {
    name: "revenue in millions",
    text: "CFO at Contoso, revenue of $12M, 80 employees",
    expect: { revenue: { amount: 12000000, currency: "USD" }, seniority: "c_level", department: "finance" },
  },
  {
    name: "edu address",
    text: "Prof. Lee, lee@cs.stanford.edu",
    expect: { emailDomain: "stanford.edu", domainKind: "edu", industry: "education" },
  },
  {
    name: "UK academic domain",
    text: "Research assistant, r.jones@ox.ac.uk",
    expect: { emailDomain: "ox.ac.uk", domainKind: "edu", seniority: "individual", department: "research" },
  },
  {
    name: "government domain",
    text: "Procurement officer, m.dupont@interieur.gouv.fr",
    expect: { domainKind: "gov", industry: "government" },
  },
  {
    name: "German federal domain",
    text: "Referentin, anna.schmidt@bmi.bund.de",
    expect: { domainKind: "gov", emailDomain: "bund.de", seniority: "individual" },
  },
  {
    name: "website without email",
    text: "Check out https://www.northwind-traders.com/about, 30 people, Toronto",
    expect: { website: "northwind-traders.com", country: "CA", employees: { min: 30, max: 30 } },
    absent: ["email"],
  },
  {
    name: "bare domain",
    text: "Lead from contoso.co.uk, 200 staff",
    expect: { website: "contoso.co.uk", employees: { min: 200, max: 200 } },
  },
  {
    name: "nothing but a word",
    text: "hello",
    expect: {},
    absent: ["name", "email", "company", "title", "seniority", "employees", "country", "industry"],
  },
  {
    name: "university as company gives industry",
    text: "Maria Lopez, Lab Manager at University of Michigan",
    expect: { seniority: "manager", company: "University of Michigan", industry: "education", country: "US" },
  },
  {
    name: "industry from an agency company",
    text: "Creative Director at Pixel Perfect Agency, 15 people",
    expect: { industry: "agency", seniority: "director" },
  },
  {
    name: "industry phrase in prose",
    text: "We are a logistics company with 300 trucks and 120 employees in Mexico",
    expect: { industry: "logistics", employees: { min: 120, max: 120 }, country: "MX" },
  },
  {
    name: "a place named in running prose is not where the lead is",
    text: "Hello Jeff, I hear from Leonard that he had a very good meeting with you last week in\nHouston and I will probably be heading up to NYC in January with the team.\n\nBob Hamlin\nVice President\nVulcan Utility Signs & Products",
    expect: { title: "Vice President" },
    absent: ["country"],
  },
  {
    name: "a place in a signature's address line locates the lead",
    text: "Thanks for the call today.\n\nBob Hamlin\nVice President, Vulcan Utility Signs\nSeattle, WA 98104",
    expect: { country: "US" },
  },
  {
    name: "a signature's department line is not the company; the line that names the organisation is",
    text: "Please see the attached.\n\nColleen Koenig\nAnalyst\nGlobal Strategic Sourcing, Business Development\nEnron Corp\ncolleen.koenig@enron.com",
    expect: { title: "Analyst", company: "Enron Corp" },
  },
  {
    name: "a title's own qualifier after a comma is not a company",
    text: "Regards,\nJoe Lee\nManager, Gas Transmission Marketing\nMontana Power Company\njlee@mtpower.com",
    expect: { company: "Montana Power Company" },
  },
  {
    name: "a title someone mentions about another person is not the lead's",
    text: "I know the VP of Sales at Lotus quite well and can introduce you.\n\nRegards,\nMark Hudgens\nSenior Director, eCommerce\nmark@ecomm.example.com",
    expect: { title: "Senior Director", seniority: "director" },
  },
  {
    name: "CRM API field names and web-form labels read like typed labels",
    text: "Company: Burlington Textiles Corp\nNumberOfEmployees: 9000\nLead_Source__c: Web\nJob Position: Journalist",
    expect: { employees: { min: 9000, max: 9000 }, title: "Journalist", source: "Web" },
  },
  {
    name: "phone digits are not a head count",
    text: "Call Bob on +1 (415) 555-0100 ext 200 employees? unknown",
    expect: {},
    absent: ["employees"],
  },
  {
    name: "international phone gives an inferred country",
    text: "Klaus, klaus@example.org, +49 30 1234567",
    expect: { country: "DE" },
  },
  {
    name: "an international number among other numbers is read alone",
    text: "Founded 1998, 250 employees. Call +44 (0)20 7946 0958 ext. 12 after 5",
    expect: { country: "GB", employees: { min: 250, max: 250 } },
  },
  {
    name: "a signed mail's title about someone else does not name the sender's company",
    text: "Hi Tom,\n\nMy contact says their buyer is a student at Lisbon University.\n\nBest,\nAna Ruiz\nNorthgate Foods\n+1 415 555 0100",
    expect: { company: "Northgate Foods", title: "student" },
  },
  {
    name: "a signed mail's own title keeps its company",
    text: "Hi Tom,\n\nI am a student at Lisbon University and need a cheap plan.\n\nBest,\nAna Ruiz\nNorthgate Foods\n+1 415 555 0100",
    expect: { company: "Lisbon University", title: "student" },
  },
  // ---- key: value
  {
    name: "English key-value",
    text: "Name: Priya Raman\nCompany: Northwind\nTitle: VP Sales\nEmployees: 400\nCountry: United States\nEmail: priya@northwind.com",
    expect: {
      name: "Priya Raman",
      company: "Northwind",
      title: "VP Sales",
      seniority: "vp",
      employees: { min: 400, max: 400 },
      country: "US",
    },
  },
  {
    name: "Spanish key-value",
    text: "Empresa: Acme SA\nCargo: Gerente de Compras\nPaís: España\nEmpleados: 50-200\nCorreo: juan@acme.es",
    expect: {
      company: "Acme SA",
      title: "Gerente de Compras",
      seniority: "manager",
      department: "procurement",
      country: "ES",
      employees: { min: 50, max: 200 },
      email: "juan@acme.es",
    },
  },
  {
    name: "German key-value",
    text: "Name: Max Müller\nFirma: Müller GmbH\nPosition: Geschäftsführer\nLand: DE\nMitarbeiter: 2.500",
    expect: {
      name: "Max Müller",
      company: "Müller GmbH",
      seniority: "c_level",
      country: "DE",
      employees: { min: 2500, max: 2500 },
    },
  },
  {
    name: "French key-value",
    text: "Nom complet : Claire Martin\nSociété : Soleil SARL\nPoste : Directrice marketing\nPays : France\nEffectif : 20",
    expect: {
      name: "Claire Martin",
      company: "Soleil SARL",
      seniority: "director",
      department: "marketing",
      country: "FR",
      employees: { min: 20, max: 20 },
    },
  },
  {
    name: "French student",
    text: "Poste: Étudiante en master\nÉcole: HEC Paris\nEmail: claire@gmail.com",
    expect: { seniority: "student", domainKind: "free", country: "FR" },
  },
  {
    name: "Spanish intern",
    text: "Nombre: Lucía\nCargo: Becaria de marketing\nEmpresa: Telefónica\nPaís: ES",
    expect: { seniority: "intern", country: "ES", company: "Telefónica" },
  },
  {
    name: "German Werkstudent",
    text: "Funktion: Werkstudent Vertrieb\nUnternehmen: Siemens AG\nLand: Deutschland",
    expect: { seniority: "intern", department: "sales", country: "DE", company: "Siemens AG" },
  },
  {
    name: "key-value with bullets and bold",
    text: "• *Company*: Hooli\n• *Job title*: Head of Growth\n• *Company size*: 1,001-5,000\n• *Industry*: Computer Software",
    expect: {
      company: "Hooli",
      seniority: "director",
      department: "marketing",
      employees: { min: 1001, max: 5000 },
      industry: "software",
    },
  },
  {
    name: "key-value revenue and budget",
    text: "Company: Wayne Enterprises\nAnnual Revenue: $2.5B\nBudget: 50,000 USD per year",
    expect: {
      revenue: { amount: 2500000000, currency: "USD" },
      budget: { amount: 50000, currency: "USD", period: "year" },
    },
  },
  {
    name: "key-value budget without currency",
    text: "Company: Tiny Shop\nBudget: 500",
    expect: { budget: { amount: 500, period: "one_off" } },
  },
  {
    name: "lead source and notes",
    text: "Lead Source: Webinar\nNotes: asked about SSO and an RFP timeline\nCompany: Stark Industries",
    expect: { source: "Webinar", notes: "asked about SSO and an RFP timeline", company: "Stark Industries" },
  },
  {
    name: "location field with city",
    text: "Company: Zeta\nLocation: Madrid\nTitle: CTO",
    expect: { country: "ES", seniority: "c_level", department: "engineering" },
  },
  {
    name: "alpha-3 country code",
    text: "Company: Maple Co\nCountry: CAN",
    expect: { country: "CA" },
  },
  {
    name: "UK country code",
    text: "Company: Tea Ltd\nCountry: UK",
    expect: { country: "GB" },
  },
  {
    name: "first and last name fields",
    text: "First Name: Ana\nLast Name: Souza\nCompany: Brisa\nCountry: Brazil",
    expect: { name: "Ana Souza", country: "BR" },
  },
  {
    name: "company size range words",
    text: "Company: Q Corp\nCompany size: 11-50 employees",
    expect: { employees: { min: 11, max: 50 } },
  },
  {
    name: "headcount less than",
    text: "Company: Micro\nHeadcount: < 10",
    expect: { employees: { min: 1, max: 10 } },
  },
  {
    name: "industry value unknown to the taxonomy is kept",
    text: "Company: Orbital\nIndustry: Aerospace",
    expect: { industry: "aerospace" },
  },
  {
    name: "government industry value",
    text: "Organization: City of Springfield\nIndustry: Government Administration",
    expect: { industry: "government", company: "City of Springfield" },
  },
  // ---- signatures
  {
    name: "signature after sign-off",
    text: "Thanks!\n\nBest,\nTom Becker\nHead of Procurement | Globex Corporation\n+1 (312) 555-0199\ntom.becker@globex.com\nwww.globex.com",
    expect: {
      name: "Tom Becker",
      title: "Head of Procurement",
      seniority: "director",
      company: "Globex Corporation",
      email: "tom.becker@globex.com",
      website: "globex.com",
      country: "US",
    },
    absent: ["employees"],
  },
  {
    name: "signature with company on next line",
    text: "Regards,\nLaura Chen\nSenior Account Executive\nInitrode Systems\nlaura.chen@initrode.com",
    expect: { name: "Laura Chen", seniority: "individual", department: "sales", company: "Initrode Systems" },
  },
  {
    name: "German signature",
    text: "Mit freundlichen Grüßen\nJonas Weber\nLeiter Einkauf\nWeber Logistik GmbH\nTel. +49 89 1234567",
    expect: {
      name: "Jonas Weber",
      seniority: "director",
      department: "procurement",
      company: "Weber Logistik GmbH",
      country: "DE",
    },
  },
  {
    name: "Spanish signature",
    text: "Un saludo,\nCarmen Ruiz\nDirectora de Marketing\nSol y Mar SL\nMadrid",
    expect: {
      name: "Carmen Ruiz",
      seniority: "director",
      department: "marketing",
      company: "Sol y Mar SL",
      country: "ES",
    },
  },
  {
    name: "French signature",
    text: "Cordialement,\nPierre Durand\nDirecteur Général\nDurand & Fils SAS\npierre@durandfils.fr",
    expect: { name: "Pierre Durand", seniority: "c_level", company: "Durand & Fils SAS", country: "FR" },
  },
  {
    name: "signature with pipes on one line",
    text: "Kim Park | Founder | Lumen Labs | kim@lumenlabs.ai",
    expect: { seniority: "c_level", email: "kim@lumenlabs.ai", company: "Lumen Labs" },
    absent: ["country"],
  },
  {
    name: "dash separated signature",
    text: "Raj Patel - CTO - Bengaluru",
    expect: { seniority: "c_level", country: "IN" },
  },
  // ---- forwarded email
  {
    name: "Gmail forwarded message",
    text:
      "---------- Forwarded message ---------\nFrom: Jane Doe <jane.doe@gmail.com>\nDate: Mon, Nov 2, 2026\n" +
      "Subject: Pricing?\nTo: sales@ourco.com\n\nHi, I'm a student at MIT working on my thesis. Do you have a free version?\n\nThanks,\nJane",
    expect: { name: "Jane Doe", email: "jane.doe@gmail.com", domainKind: "free", seniority: "student" },
  },
  {
    name: "Outlook forward with quoted display name",
    text:
      'From: "Raman, Priya" <priya@northwind.com>\nSent: Tuesday, 3 November 2026 10:12\nTo: Rep <rep@ourco.com>\n' +
      "Subject: Demo request\n\nWe are 400 employees and looking at tools this quarter.",
    expect: { name: "Priya Raman", email: "priya@northwind.com", employees: { min: 400, max: 400 } },
  },
  {
    name: "an Outlook forward under a rep's signed note stays the lead's (the block went to the sales inbox)",
    text:
      "Can someone pick this one up?\n\nThanks,\nMaya Cohen\nSales Operations\n\n" +
      "From: Lee Wong <lee@wongco.sg>\nSent: Tuesday, December 1, 2026 8:40 AM\nTo: Sales <sales@ourcrm.io>\nSubject: Pricing\n\nHow much for 20 seats? I'm the COO at Wong & Co.",
    expect: { email: "lee@wongco.sg", country: "SG" },
  },
  {
    name: "rep's own address in To is not the lead",
    text: "To: rep@ourco.com\nSubject: intro\n\nPlease reach out to ceo@bigcorp.com, they have 5,000 employees",
    expect: { email: "ceo@bigcorp.com", employees: { min: 5000, max: 5000 } },
  },
  {
    name: "forward with outer and inner From: the inner sender is the lead",
    text:
      "From: Rep <rep@ourco.com>\nSubject: Fwd: question\n\n-------- Original Message --------\n" +
      "From: Lee Wong <lee@wongco.sg>\nSubject: question\n\nHow much for 20 seats?",
    expect: { email: "lee@wongco.sg", name: "Lee Wong", country: "SG" },
  },
  {
    name: "Spanish forward",
    text: "---------- Mensaje reenviado ---------\nDe: Pablo Gil <pablo@gilsa.es>\nAsunto: Presupuesto\n\nSomos 8 empleados y buscamos la opción más barata.",
    expect: { email: "pablo@gilsa.es", employees: { min: 8, max: 8 }, country: "ES" },
  },
  {
    name: "German forward",
    text: "Von: Eva Braun <eva@braun-design.de>\nBetreff: Anfrage\n\nWir sind ein 3-köpfiges Team.",
    expect: { email: "eva@braun-design.de", name: "Eva Braun" },
  },
  // ---- misc shapes
  {
    name: "Slack-formatted mailto link",
    text: "Lead: <mailto:ana@vertex.io|ana@vertex.io>, Head of Sales at Vertex",
    expect: { email: "ana@vertex.io", seniority: "director", department: "sales", company: "Vertex" },
  },
  {
    name: "job seeker",
    text: "Hello, I'm looking for a job in sales, attached my CV. jobhunter99@yahoo.com",
    expect: { domainKind: "free" },
  },
  {
    name: "solo founder",
    text: "Solo founder, one-man shop, mark@gmail.com",
    expect: { employees: { min: 1, max: 1 }, seniority: "c_level" },
  },
  {
    name: "money not read as employees",
    text: "We spend $40,000 a year on tools, CEO of a 60-person company",
    expect: { employees: { min: 60, max: 60 }, budget: { amount: 40000, currency: "USD", period: "year" } },
  },
  {
    name: "pound budget per quarter",
    text: "Head of Finance, budget £5k per quarter, Manchester",
    expect: {
      budget: { amount: 5000, currency: "GBP", period: "quarter" },
      country: "GB",
      department: "finance",
    },
  },
  {
    name: "euro budget European format",
    text: "Presupuesto: 1.500 € al mes",
    expect: { budget: { amount: 1500, currency: "EUR", period: "month" } },
  },
  {
    name: "no budget stays unknown amount",
    text: "We have no budget right now, maybe next year",
    expect: {},
    absent: ["budget"],
  },
  {
    name: "nonprofit",
    text: "Program Coordinator at Helping Hands Foundation, 25 staff",
    expect: { industry: "nonprofit", seniority: "individual" },
  },
  {
    name: "hospital",
    text: "IT Director, St. Mary's Hospital, 3,000 employees",
    expect: { industry: "healthcare", seniority: "director", department: "it" },
  },
  {
    name: "very long title in prose falls back to the title words",
    text: "Our contact is the person who is currently the Senior Vice President of Global Operations at Megacorp and has been for years",
    expect: { seniority: "vp", company: "Megacorp" },
  },
  // ---- signature blocks without a title line, titles with their function, places that do not locate
  {
    name: "signature: the organisation line under the name, no title, contacts after a blank line",
    text: "Thanks for the walkthrough, we'll be in touch.\n\nMaren K. Holt\nBrightwater Freight Partners\n\n617.555.0142 office\nmaren.holt@gmail.com",
    expect: { company: "Brightwater Freight Partners" },
    absent: ["title"],
  },
  {
    name: "signature: title then company then a department line; the company is the organisation",
    text: "Call me when you can.\n\nOwen Talbot\nDirector\nHarrow Media Services\nRegional Risk Management\nPhone: 312-555-0199",
    expect: { title: "Director", company: "Harrow Media Services" },
  },
  {
    name: "signature laid out in two columns: the company is the first column",
    text: "See you Tuesday.\n\nLena Park\nCoastline Energy Group\t\t415.555.0100\n88 Market Street\t\t415.555.0101 (cell)\nSan Francisco, CA 94105\t\tlena.park@coastline-energy.com",
    expect: { company: "Coastline Energy Group", country: "US" },
  },
  {
    name: "two lines are never glued into one company",
    text: "Please confirm receipt.\n\nDana Whitfield\nOrchard Logistics LLC\nVendor Management\n713-555-0188",
    expect: { company: "Orchard Logistics LLC" },
  },
  {
    name: "a signature title keeps its function after the comma",
    text: "Regards,\nPaul Meyer\nManager, Regional Freight Marketing\nNorthline Rail Company\n(402) 555-0134",
    expect: {
      title: "Manager, Regional Freight Marketing",
      seniority: "manager",
      company: "Northline Rail Company",
    },
  },
  {
    name: "after the comma an organisation is the company, not part of the title",
    text: "Regards,\nPaul Meyer\nAnalyst, Northline Rail Company\n(402) 555-0134",
    expect: { title: "Analyst", company: "Northline Rail Company" },
  },
  {
    name: "a continent, a nationality and a place in first-person prose do not locate the lead",
    text: "As a US citizen I was glad to hear it. I know the head of sales, North America, and I am heading to the Chicago office next week.\n\nRuth Alder\nresearch lead",
    absent: ["country"],
    expect: {},
  },
  {
    name: "a city inside an organisation's name is not where the lead is",
    text: "Best,\nMarta Ruiz\nPresident\nThe Denver Group Holdings, L.P.\nOfc (281) 555-0145",
    expect: { title: "President", seniority: "c_level" },
    absent: ["country"],
  },
  {
    name: "a typed title without management words is an individual contributor's",
    text: "Contact Name: Wendi Baltz\nCompany Name: Gardner Group\nJob Position: Illustrator",
    expect: { title: "Illustrator", seniority: "individual" },
  },
  {
    name: "a lead still studying is a student, though no title says so",
    text: "Dear team, I will be receiving my master's degree in finance from Georgia Tech in December and would love a trial.",
    expect: { seniority: "student" },
    absent: ["title"],
  },
  {
    name: "people an email goes out to are an audience, not a head count",
    text: "We are sending the newsletter out to about 12,000 people next week; can you sponsor it?\nTeresa Lund, Editor, Fieldnotes Weekly",
    expect: {},
    absent: ["employees"],
  },
  {
    name: "people who work somewhere are still a head count",
    text: "Fieldnotes Weekly, over 120 people, Copenhagen",
    expect: { employees: { min: 120, max: Number.POSITIVE_INFINITY } },
  },
  {
    name: "in a forwarded mail the innermost sender is the lead, not the forwarder who signs above",
    text: [
      "Tom,",
      "Worth a look, they want a pilot in Q1.",
      "Grace Holm",
      "Senior Director, Partnerships",
      "(212) 555-0100",
      "----- Forwarded by Grace Holm on 03/02/2026 09:12 -----",
      "",
      "We would like to pilot your tool with our buyers.",
      "",
      "Arjun Mehta",
      "Northgate Foods",
      "Procurement Specialist",
      "arjun.mehta@northgatefoods.com",
    ].join("\n"),
    expect: { title: "Procurement Specialist", seniority: "individual", company: "Northgate Foods" },
  },
  {
    name: "a quoted reply's signature is read like any other",
    text: [
      "From: Lisa Crane <lisa@ourteam.io>",
      "Subject: FW: pilot",
      "",
      "> -----Original Message-----",
      "> Hello,",
      ">",
      "> Could we get a quote for our lab?",
      ">",
      "> Pedro Alves",
      "> Director, Applied Chemistry Program",
      "> Graduate School of Engineering",
      "> Lisbon Technical University",
      "> Tel: +351 21 555 0199",
    ].join("\n"),
    expect: {
      title: "Director, Applied Chemistry Program",
      seniority: "director",
      company: "Lisbon Technical University",
    },
  },
  {
    name: "the sender's signature title beats the job titles listed in the body",
    text: [
      "This month's candidates:",
      "",
      "Ref# 2231",
      "Senior Data Engineer - Manager",
      "Built pipelines for three retailers.",
      "",
      "Ref# 2232",
      "Director of Merchandising",
      "Ran a team of twelve.",
      "",
      "Helen Vogt",
      "Managing Partner",
      "Vogt Talent Partners",
      "Tel 312-555-0142",
    ].join("\n"),
    expect: { title: "Managing Partner", seniority: "c_level", company: "Vogt Talent Partners" },
  },
  {
    name: "a title after a quantifier is a group of people, not the lead",
    text: "Each engineer will be asked to test the new build before launch, and all managers will sign off.",
    expect: {},
    absent: ["title", "seniority"],
  },
  {
    name: "a signature title keeps its function after a dash; the function is not the company",
    text: "Thanks,\nNora Blake\nCategory Leader - Facilities Services\nHalden Group\n(617) 555-0123",
    expect: { title: "Category Leader - Facilities Services", company: "Halden Group" },
  },
  {
    name: "media and legal titles are titles",
    text: "Best,\nOwen Price\nEditor-in-Chief\nHarbour Press Ltd\nowen@harbourpress.co.uk\n\nCc: Mia Stone, General Counsel",
    expect: { title: "Editor-in-Chief", company: "Harbour Press Ltd" },
  },
  // ---- several labelled pairs on one line, tables and dashed bullets (issue 27; written here, not copied)
  {
    name: "labelled pairs on one line, split by semicolons",
    text: "name: A. Costa; role: CFO; headcount: 10-50; region: Canada",
    expect: {
      name: "A. Costa",
      title: "CFO",
      seniority: "c_level",
      employees: { min: 10, max: 50 },
      country: "CA",
    },
    quote: { title: "CFO", employees: "10-50" },
  },
  {
    name: "labelled pairs on one line, split by pipes, a value keeping its comma",
    text: "Name: Bo Lind | Title: Head of Growth | Company: Fjord Labs | Industry: Software, SaaS | Employees: 200 | Country: Norway",
    expect: {
      name: "Bo Lind",
      title: "Head of Growth",
      company: "Fjord Labs",
      employees: { min: 200, max: 200 },
      country: "NO",
    },
    quote: { company: "Fjord Labs" },
  },
  {
    name: "labelled pairs on one line, split by commas",
    text: "Contact: Mina Osei, Position: Operations Manager, Organisation: Kente Freight, Staff: 35",
    expect: {
      title: "Operations Manager",
      company: "Kente Freight",
      employees: { min: 35, max: 35 },
    },
  },
  {
    name: "a labelled pair inside a comma list is read, the rest as prose",
    text: "Priya Raman, VP Sales, Sector: Retail, 200 employees, priya@northwind.com",
    expect: { title: "VP Sales", industry: "retail", employees: { min: 200, max: 200 } },
  },
  {
    name: "prose with a colon and semicolons is not split",
    text: "Note: we met at the expo; they asked about pricing, timing: Q3 maybe",
    expect: { notes: "we met at the expo; they asked about pricing, timing: Q3 maybe" },
    absent: ["title", "company", "name"],
  },
  {
    name: "a sentence whose first words are not a label keeps its colon",
    text: "Quick one: our team of 12 wants a trial; budget is tight, region is flexible.",
    expect: { employees: { min: 12, max: 12 } },
    absent: ["country", "title"],
  },
  {
    name: "a Markdown table of labels and values",
    text: "| Field | Value |\n|---|---|\n| Name | Ana Silva |\n| Role | CMO |\n| Company | Verde Foods |\n| Headcount | 80 |\n| Country | Portugal |",
    expect: {
      name: "Ana Silva",
      title: "CMO",
      company: "Verde Foods",
      employees: { min: 80, max: 80 },
      country: "PT",
    },
    quote: { company: "Verde Foods" },
  },
  {
    name: "bullets with a label and a dash",
    text: "- Name – Jonas Weber\n- Role – Head of Sales\n- Company — Alpenrad GmbH\n- Country - Germany",
    expect: { name: "Jonas Weber", title: "Head of Sales", company: "Alpenrad GmbH", country: "DE" },
  },
  {
    name: "a profile pasted from a professional network",
    text: "Elena Petrova\nHead of Revenue Operations at Brightwave Analytics\nLisbon, Lisbon, Portugal · 500+ connections\n\nExperience\nBrightwave Analytics · 51-200 employees",
    expect: {
      name: "Elena Petrova",
      title: "Head of Revenue Operations",
      company: "Brightwave Analytics",
      employees: { min: 51, max: 200 },
      country: "PT",
    },
  },
  {
    name: "an address after a title is never the company",
    text: "Jane, student, jane@mit.edu",
    expect: { title: "student", seniority: "student", email: "jane@mit.edu" },
    absent: ["company"],
  },
  // ---- more kinds read wrong before (issue 27; written here)
  {
    name: "a signature with two titles: the second is not the company",
    text: "Thanks,\nRuth Okafor\nFounder & CEO | Board Member\nTallyhawk Inc.\nruth@tallyhawk.com | ruth.okafor@gmail.com",
    expect: {
      title: "Founder & CEO",
      seniority: "c_level",
      company: "Tallyhawk Inc",
      email: "ruth@tallyhawk.com",
    },
  },
  {
    name: "a past role in the body is not the lead's title, nor its employer the company",
    text: "Hi, I was previously Head of Sales at Oracle and now run growth at Pinecrest Labs (40 people). Can we talk pricing?\nDev Mehta\ndev@pinecrestlabs.com",
    expect: { employees: { min: 40, max: 40 }, emailDomain: "pinecrestlabs.com" },
    absent: ["title", "company"],
  },
  {
    name: "I'm an analyst: the article is not part of the title",
    text: "Hello, our CFO asked me to look at tools like yours. I'm an analyst in the finance team at Corvid Health.\nSam Rowe\nsam.rowe@corvidhealth.org",
    expect: { seniority: "individual", department: "finance", company: "Corvid Health" },
    quote: { title: "analyst in the finance team" },
  },
  {
    name: "a display name that carries a place keeps only the name",
    text: "From: Lena Fischer (Berlin) <lena@stadtwerk-solar.de>\nSubject: pricing\n\nHi, we are 25 people and want a demo.",
    expect: { name: "Lena Fischer", employees: { min: 25, max: 25 }, country: "DE" },
    quote: { name: "Lena Fischer" },
  },
  {
    name: "a cell holding JSON: the values without their quotes",
    text: '{"name": "Ivo Horvat", "title": "Procurement Manager", "company": "Adria Foods", "country": "Croatia", "employees": 300}',
    expect: {
      name: "Ivo Horvat",
      title: "Procurement Manager",
      company: "Adria Foods",
      country: "HR",
      employees: { min: 300, max: 300 },
    },
    quote: { company: "Adria Foods", title: "Procurement Manager" },
  },
  {
    name: "pretty-printed JSON from a form tool",
    text: '{\n  "full_name": "Noa Levi",\n  "job_title": "VP Marketing",\n  "company": "Cedar Apps",\n  "company_size": "11-50"\n}',
    expect: {
      title: "VP Marketing",
      seniority: "vp",
      company: "Cedar Apps",
      employees: { min: 11, max: 50 },
    },
  },
  {
    name: "Zoho-style labels: Designation and No_of_Employees",
    text: "First_Name: Arjun\nLast_Name: Rao\nDesignation: CTO\nNo_of_Employees: 40\nLead_Source: Webinar\nAccount_Name: Kestrel Robotics",
    expect: { name: "Arjun Rao", title: "CTO", company: "Kestrel Robotics", employees: { min: 40, max: 40 } },
    quote: { title: "CTO" },
  },
  {
    name: "Pipedrive-style columns named after their record",
    text: "Person - Name: Ola Berg\nOrganization - Name: Fjellvik AS\nPerson - Job title: COO\nOrganization - Number of employees: 80",
    expect: { name: "Ola Berg", company: "Fjellvik AS", title: "COO", employees: { min: 80, max: 80 } },
  },
  // ---- form tools that mail each question on a line and its answer under it
  {
    name: "a booking notification: labels and questions on their own lines, answers under them",
    text: "A new meeting was booked.\n\nMeeting: Intro call (30 min)\nInvitee: Jonas Albrecht\nInvitee Email: jonas.albrecht@feldmark-werke.de\n\nWhat is your role?\nHead of Inside Sales\nHow many reps do you have?\n9\nCompany name\nFeldmark Werke GmbH",
    expect: {
      name: "Jonas Albrecht",
      title: "Head of Inside Sales",
      company: "Feldmark Werke GmbH",
      emailDomain: "feldmark-werke.de",
    },
    absent: ["employees"],
    quote: { company: "Feldmark Werke GmbH" },
  },
  {
    name: "a survey tool's response: every answer under its question",
    text: "New entry for Talk to us\n\nYour name\nMaud Girard\nWhich company are you with?\nAtelier Girard & Fils\nWhich country are you in?\nBelgium\nHow big is your team?\n11-50",
    expect: { name: "Maud Girard", company: "Atelier Girard & Fils", country: "BE" },
    absent: ["department"],
  },
  {
    name: "a label word alone above a sentence is not a question with its answer",
    text: "Company\nWe are a small agency in Leeds looking at CRM add-ons.\n\nThanks, Sam",
    expect: { country: "GB" },
    absent: ["company"],
  },
  {
    name: "a name field that carries the address in brackets",
    text: "Requester: Teodora Marin (teodora.marin@valcea-agro.ro)\nOrganization: Valcea Agro SRL\n\nWe need a quote for 15 users.",
    expect: { name: "Teodora Marin", company: "Valcea Agro SRL", emailDomain: "valcea-agro.ro" },
    quote: { name: "Teodora Marin" },
  },
  // ---- what follows "at" may describe the organisation instead of naming it
  {
    name: "at a <description>: no company guessed from it, the signature's name taken instead",
    text: "Hello list,\n\nI'm the finance manager at a regional housing charity (about 70 staff). Is the nonprofit discount still offered?\n\nBest,\nRuth Okoye\nHollin Vale Housing Trust",
    expect: { title: "finance manager", company: "Hollin Vale Housing Trust" },
  },
  {
    name: "at the <description> in lower case is no name either",
    text: "ops lead at the local council, we have 400 staff",
    absent: ["company"],
    expect: { employees: { min: 400, max: 400 } },
  },
  {
    name: "a partner manager is a manager, not a firm's partner",
    text: "Hi, we resell CRM tools and want to add yours.\n\nSigrid Aas\nSenior Partner Manager\nFjordline Solutions AS",
    expect: { title: "Senior Partner Manager", seniority: "manager", company: "Fjordline Solutions AS" },
  },
  // ---- Portuguese titles (replies in Portuguese are read already)
  {
    name: "a Portuguese signature: a director's title",
    text: "Bom dia, somos uma distribuidora com 180 colaboradores e queremos conhecer a ferramenta.\n\nAtenciosamente,\nBeatriz Lemos\nDiretora de Operações\nNorte Distribuição Ltda\nbeatriz.lemos@nortedistribuicao.com.br",
    expect: { title: "Diretora de Operações", seniority: "director", company: "Norte Distribuição Ltda" },
  },
  {
    name: "a Portuguese-speaking student says so",
    text: "Olá! Sou estudante de administração e preciso de uma ferramenta gratuita para um trabalho da faculdade.",
    expect: { seniority: "student" },
  },
  // ---- chat transcripts: the team's turns are not the lead's words
  {
    name: "a chat transcript: the agent's own title and company are not the lead's",
    text: "[09:14] Bot: Hi! What brings you here?\n[09:14] Visitor: pricing for a team of 30\n[09:15] Marta (Agent): I'm Marta, Account Executive at OurCRM, happy to help.\n[09:16] Visitor: thanks, I'm the COO at Brightwater Ferries",
    expect: { title: "COO", company: "Brightwater Ferries", seniority: "c_level" },
    quote: { title: "COO" },
  },
  {
    name: "speaker labels without a visitor are not a transcript",
    text: "Agent: Tomás Vidal (our reseller in Spain)\n\nAna Ruiz, Procurement Manager at Tecnolab SA, asked him for a quote.",
    expect: { title: "Procurement Manager", company: "Tecnolab SA" },
  },
  // ---- "Title" is a person's title in some CRMs and the lead's or deal's own name in others
  {
    name: "a lead record whose Title names the request, not the person",
    text: "Title: Website redesign enquiry\nPerson: Amara Okafor\nOrganization: Lagos Fresh Foods Ltd\nEmails: amara@lagosfreshfoods.ng\nLead Value: 12000",
    expect: { company: "Lagos Fresh Foods Ltd", emailDomain: "lagosfreshfoods.ng" },
    absent: ["title", "seniority"],
  },
  {
    name: "a deal title with a count in a pasted export row",
    text: 'Title,Contact Name,Company Name,Email,Country\n"Quote for 40 seats",Henrike Vos,Brouwer Logistiek B.V.,h.vos@brouwer-logistiek.nl,Netherlands',
    expect: { company: "Brouwer Logistiek B.V.", country: "NL" },
    absent: ["title", "seniority"],
  },
  {
    name: "Title still names the person's role when it reads as one",
    text: "Title: Procurement Lead\nCompany: Harbor & Pine Outfitters\nEmail: dana@harborpine.com",
    expect: { title: "Procurement Lead", company: "Harbor & Pine Outfitters" },
  },
  {
    name: "a short Title without a known title word is kept (an individual contributor)",
    text: "Titre: Juriste\nSociété: Cabinet Marceau\nEmail: l.petit@cabinet-marceau.fr",
    expect: { title: "Juriste", seniority: "individual" },
  },
  {
    name: "Job Title is never the deal's name, whatever it holds",
    text: "Job Title: Trial Manager\nCompany: Clinova Research\nEmail: s.ng@clinova-research.com",
    expect: { title: "Trial Manager" },
  },
  {
    name: "an unknown label before a title is not part of it",
    text: "Funktion: Head of Sales\nFirma: Alpenrad GmbH",
    expect: { title: "Head of Sales", company: "Alpenrad GmbH" },
    quote: { title: "Head of Sales" },
  },
  // ---- a CRM row pasted with its header line; place lines; past roles; signatures with no contact details
  {
    name: "a CRM account row pasted under its header line",
    text: "Company Name,Industry,No. of Employees,Country,Annual Revenue\nBluepeak Foods,Food & Beverage,340,Canada,42000000",
    expect: { company: "Bluepeak Foods", employees: { min: 340, max: 340 }, country: "CA" },
    absent: ["name", "title"],
    quote: { company: "Bluepeak Foods" },
  },
  {
    name: "a quoted, semicolon-separated export row whose cell holds the separator's cousin",
    text: '"Account Name";"Billing City";"Employees";"Industry";"Country"\n"Lindqvist & Berg, AB";"Malmö";"85";"Manufacturing";"Sweden"',
    expect: { company: "Lindqvist & Berg, AB", employees: { min: 85, max: 85 }, country: "SE" },
    absent: ["name"],
  },
  {
    name: "a sentence with commas over a comma list is neither a header nor a company",
    text: "Name, title and company are below\nAna Lopes, CFO, Northwind Iberia, Spain",
    expect: { title: "CFO", country: "ES" },
    absent: ["company"],
  },
  {
    name: "a line that only names a place is never the company",
    text: "Ana Lopes\nCFO, Northwind Iberia\nSpain",
    expect: { title: "CFO", country: "ES", name: "Ana Lopes" },
    absent: ["company"],
  },
  {
    name: "a role the lead used to have is not the title; the one after 'now I'm' is",
    text: "Hi, I'm Jonas. I used to be Head of Sales at Zalando, now I'm COO at Kleinwerk GmbH (45 people, Berlin). We need a CRM add-on.\njonas@kleinwerk.de",
    expect: { title: "COO", company: "Kleinwerk GmbH", employees: { min: 45, max: 45 } },
  },
  {
    name: "a title phrase that ends in 'of' keeps its function in prose",
    text: "We would like a demo. I am the Head of Partnerships for Verde Mobility and our team of 30 is growing.",
    expect: { title: "Head of Partnerships", seniority: "director" },
  },
  {
    name: "a signature with no contact details, named by the From header, beats a colleague's title in the body",
    text: "From: Paula Reyes <preyes@andesmining.cl>\nSubject: Pricing\n\nOur procurement manager, Luis, asked me to request a quote. I'm the IT coordinator here.\nPaula Reyes\nIT Coordinator | Andes Mining S.A.\nSantiago, Chile",
    expect: { title: "IT Coordinator", company: "Andes Mining S.A", country: "CL" },
  },
  {
    name: "a signature with no contact details after a sign-off",
    text: "Thanks,\nRui Matos\nHead of Growth\nTerra Bikes",
    expect: { name: "Rui Matos", title: "Head of Growth", company: "Terra Bikes" },
  },
  {
    name: "labels other CRMs export: Primary Email, Company Domain Name, Industry Type, Nb employés, Mailing Country",
    text: "Contact Name: Léa Martin\nPrimary Email: lea.martin@atelier-nord.fr\nCompany Domain Name: atelier-nord.fr\nIndustry Type: Architecture\nNb employés: 12\nMailing Country: France",
    expect: {
      name: "Léa Martin",
      email: "lea.martin@atelier-nord.fr",
      website: "atelier-nord.fr",
      employees: { min: 12, max: 12 },
      country: "FR",
    },
    quote: { country: "France" },
  },
  // ---- signatures with two addresses, two titles, national legal forms and "<function> lead" titles
  {
    name: "a personal and a work address on one line: the work address is the lead's",
    text: "Hi team, please reach me at my personal jkim88@gmail.com or at work, j.kim@orbitpay.com. We are 60 people.",
    expect: { email: "j.kim@orbitpay.com", domainKind: "corporate", employees: { min: 60, max: 60 } },
  },
  {
    name: "a signature's second title line (a board seat) does not displace the company after the first",
    text: "Best,\nIngrid Solberg\nDirector of Sales & Marketing, Fjordline Outdoor AS\nBoard member, Norwegian Outdoor Association\n+47 22 55 01 77",
    expect: { title: "Director of Sales & Marketing", company: "Fjordline Outdoor AS", country: "NO" },
  },
  {
    name: "a '<function> lead' title with its company after a dash, and a former role in brackets",
    text: "Regards\nPriya N.\nProcurement Lead — Kestrel Foods Ltd\n(formerly Procurement Manager at Unilever)\npriya.n@kestrelfoods.co.uk",
    expect: { title: "Procurement Lead", seniority: "manager", company: "Kestrel Foods Ltd" },
  },
  {
    name: "a prospect called a 'sales lead' in prose is not a title",
    text: "Forwarding a new sales lead from the expo: Marco Bianchi, marco@bianchiarredi.it, furniture retailer, 25 staff.",
    expect: { email: "marco@bianchiarredi.it", employees: { min: 25, max: 25 } },
    absent: ["title"],
  },
  // ---- replies: the lead wrote above the quote; the quoted message is the rep's own
  {
    name: "a reply on top of the rep's quoted message: the lead's signature, never the rep's",
    text: "Thanks Tom, yes we'd like to see pricing for 15 seats.\n\nLucia Ferrante\nOperations Manager, Vetreria Ferrante Srl\nlucia@vetreriaferrante.it\n\nOn Tue, Dec 1, 2026 at 10:12 AM Tom Hale <tom.hale@ourcrm.io> wrote:\n> Hi Lucia, following up on your demo request.\n> Tom Hale\n> Account Executive | OurCRM\n> tom.hale@ourcrm.io",
    expect: {
      email: "lucia@vetreriaferrante.it",
      title: "Operations Manager",
      company: "Vetreria Ferrante Srl",
    },
  },
  {
    name: "a short reply from a phone: the rep's address in the reply header is not the lead's",
    text: "Hi Tom,\nWe're interested. Can you send the pricing?\nSent from my iPhone\n\nOn Dec 2, 2026, at 09:40, Tom Hale <tom.hale@ourcrm.io> wrote:\n\n> Hi Lucia,\n> Great to meet you at the fair.\n> Tom Hale | Account Executive | OurCRM | +1 415 555 0188",
    expect: {},
    absent: ["email", "title", "company", "name"],
  },
  {
    name: "a quoted message pasted alone is the lead's (French reply header)",
    text: "Le mar. 1 déc. 2026 à 10:12, Camille Roux <c.roux@ateliers-roux.fr> a écrit :\n> Bonjour, nous cherchons un CRM pour 8 commerciaux.\n> Camille Roux\n> Directrice commerciale, Ateliers Roux SAS",
    expect: {
      email: "c.roux@ateliers-roux.fr",
      title: "Directrice commerciale",
      company: "Ateliers Roux SAS",
    },
  },
  {
    name: "a signature placed under the quote is the lead's own",
    text: "Count us in for the pilot, we are 40 people.\n\nAm 3. Dez. 2026 um 14:05 schrieb Tom Hale <tom.hale@ourcrm.io>:\n> Would you like to join our pilot?\n> Tom Hale, Account Executive\n\n--\nSven Krause | Head of Operations | Nordhafen Logistik GmbH",
    expect: {
      title: "Head of Operations",
      company: "Nordhafen Logistik GmbH",
      employees: { min: 40, max: 40 },
    },
  },
];
