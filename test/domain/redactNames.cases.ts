/** Natural shapes in which a person's name appears in what reps paste, written for this project. Each case
 * names the person (every word must leave the prompt) and, where it matters, words that must stay (the
 * persona: company, title, place). The parser's own name fact is not given: redaction must find them alone. */
export interface NameCase {
  text: string;
  names: string[];
  keep?: string[];
}

export const NAME_CASES: NameCase[] = [
  {
    text: "Spoke with Dana Whitfield yesterday, she runs ops at Corvel Freight.",
    names: ["Dana Whitfield"],
    keep: ["Corvel Freight"],
  },
  {
    text: "CTO Marcus Okafor at Brightline Labs wants a demo next week.",
    names: ["Marcus Okafor"],
    keep: ["CTO", "Brightline Labs"],
  },
  {
    text: "https://www.linkedin.com/in/lena-fischbach-4a2b19 - head of revenue at Tessa GmbH",
    names: ["lena-fischbach-4a2b19"],
    keep: ["Tessa GmbH"],
  },
  { text: "Hi Rafael, thanks for the call. We are 40 people in Porto.", names: ["Rafael"], keep: ["Porto"] },
  {
    text: "Dear Ms. Haverkamp, I lead procurement at the county council.",
    names: ["Haverkamp"],
    keep: ["procurement"],
  },
  {
    text: "Met Jonas Lindqvist at the trade fair; he is VP Sales at Nordhavn.",
    names: ["Jonas Lindqvist"],
    keep: ["Nordhavn"],
  },
  {
    text: "Aisha Bello, Director of Operations, Kestrel Logistics, Lagos",
    names: ["Aisha Bello"],
    keep: ["Kestrel Logistics", "Lagos"],
  },
  {
    text: "Best regards,\nTomasz Wróbel\nProcurement Specialist\nPolmet S.A.",
    names: ["Tomasz Wróbel"],
    keep: ["Polmet"],
  },
  {
    text: "Talked to Priyanka Menon (Head of Growth) about the pilot.",
    names: ["Priyanka Menon"],
    keep: ["Head of Growth"],
  },
  {
    text: "Name: Chen Wei\nCompany: Lotus Ridge Trading\nSize: 12",
    names: ["Chen Wei"],
    keep: ["Lotus Ridge Trading"],
  },
  {
    text: "From: Harriet Osei <[email]>\nSubject: pricing question",
    names: ["Harriet Osei"],
    keep: ["pricing"],
  },
  {
    text: "Our contact is Beatriz Souza from Vale Verde Foods.",
    names: ["Beatriz Souza"],
    keep: ["Vale Verde Foods"],
  },
  { text: "Ping @kofi_mensah on twitter, he asked about the API.", names: ["kofi_mensah"], keep: ["API"] },
  {
    text: "Introduced to Elif Demir by a partner; she is CFO of Anka Textiles.",
    names: ["Elif Demir"],
    keep: ["Anka Textiles"],
  },
  {
    text: "Call with Sven Aaltonen went well, 200 staff, Helsinki.",
    names: ["Sven Aaltonen"],
    keep: ["Helsinki"],
  },
  {
    text: "Giulia Romano here, marketing lead at Casa Lume. Do you have a free plan?",
    names: ["Giulia Romano"],
    keep: ["Casa Lume"],
  },
  {
    text: "My name is Oluwaseun Adeyemi and I am a final-year student.",
    names: ["Oluwaseun Adeyemi"],
    keep: ["student"],
  },
  {
    text: "Hello, I'm Mateo Herrera, founder of a 3-person agency in Bogotá.",
    names: ["Mateo Herrera"],
    keep: ["Bogotá"],
  },
  { text: "Thanks,\nIngrid\nSent from my phone", names: ["Ingrid"] },
  {
    text: "The buyer, Mr. Kowalczyk, wants a quote for 500 seats.",
    names: ["Kowalczyk"],
    keep: ["500 seats"],
  },
  {
    text: "Dr. Anjali Rao, Professor of Biology, Westfield University",
    names: ["Anjali Rao"],
    keep: ["Westfield University"],
  },
  { text: "Emailed Fatima Zahra El Amrani about the renewal.", names: ["Fatima Zahra El Amrani"] },
  { text: "Follow up with Connor O'Sullivan next Tuesday.", names: ["Connor O'Sullivan"], keep: ["Tuesday"] },
  {
    text: "Kind regards\n\nHannelore Vogt | Einkauf | Brenner Maschinenbau GmbH",
    names: ["Hannelore Vogt"],
    keep: ["Brenner Maschinenbau"],
  },
  { text: "Hola Lucía, gracias por tu mensaje. Somos 15 personas.", names: ["Lucía"], keep: ["personas"] },
  { text: "Bonjour Amélie, merci pour votre réponse.", names: ["Amélie"] },
  { text: "Hallo Herr Schneider, wir sind ein Team von 8 Leuten.", names: ["Schneider"] },
  {
    text: "Lead: VP Marketing Keiko Tanaka, Sakura Systems, Osaka",
    names: ["Keiko Tanaka"],
    keep: ["Sakura Systems", "Osaka"],
  },
  {
    text: "Reached out to Samuel Adjei-Mensah, he said budget is frozen.",
    names: ["Samuel Adjei-Mensah"],
    keep: ["budget"],
  },
  { text: "Contact person: Rosa María de la Cruz", names: ["Rosa María de la Cruz"] },
  {
    text: "github.com/nadia-petrova maintains their integration.",
    names: ["nadia-petrova"],
    keep: ["integration"],
  },
  { text: "Noah Becker said they need SSO and 99.9% uptime.", names: ["Noah Becker"], keep: ["SSO"] },
  { text: "Cheers, Liam", names: ["Liam"] },
  {
    text: "This is Yusuf Karimov from Silk Road Imports, we have 60 employees.",
    names: ["Yusuf Karimov"],
    keep: ["Silk Road Imports"],
  },
  {
    text: "Meeting with Chiara Bianchi, Head of IT at Ferro Bianco.",
    names: ["Chiara Bianchi"],
    keep: ["Ferro Bianco"],
  },
  { text: "Their CEO Olivia Hartmann signed off on the trial.", names: ["Olivia Hartmann"], keep: ["trial"] },
  { text: "Sales Manager: Pedro Alves (Lisbon office)", names: ["Pedro Alves"], keep: ["Lisbon"] },
  {
    text: "Spoke to Zanele Dlamini - she is the procurement lead at Ubuntu Mining.",
    names: ["Zanele Dlamini"],
    keep: ["Ubuntu Mining"],
  },
  { text: "Regards,\nAhmed Al-Farsi\nIT Director", names: ["Ahmed Al-Farsi"], keep: ["IT Director"] },
  {
    text: "First Name: Sophie\nLast Name: Laurent\nCompany: Maison Clair",
    names: ["Sophie", "Laurent"],
    keep: ["Maison Clair"],
  },
  {
    text: "Heard from Isaac Goldberg: they chose a competitor.",
    names: ["Isaac Goldberg"],
    keep: ["competitor"],
  },
  {
    text: "Frau Dr. Katrin Maier leitet den Einkauf bei Alpenwerk.",
    names: ["Katrin Maier"],
    keep: ["Alpenwerk"],
  },
  { text: "Ana Lima, CTO — 25 people, São Paulo", names: ["Ana Lima"], keep: ["São Paulo"] },
  {
    text: "Referral from Bongani Nkosi, an existing customer.",
    names: ["Bongani Nkosi"],
    keep: ["customer"],
  },
  { text: "cc: Marta Nowak", names: ["Marta Nowak"] },
  { text: "Thank you Ravi, I will share the RFP next week.", names: ["Ravi"], keep: ["RFP"] },
  { text: "Ask for Eleanor Whitmore at reception.", names: ["Eleanor Whitmore"], keep: ["reception"] },
  {
    text: "Je suis Camille Dubois, responsable achats chez Vertiflore.",
    names: ["Camille Dubois"],
    keep: ["Vertiflore"],
  },
  {
    text: "Soy Diego Fernández, estudiante de máster en Madrid.",
    names: ["Diego Fernández"],
    keep: ["Madrid"],
  },
  { text: "Ich bin Jana Horvat und arbeite als Werkstudentin.", names: ["Jana Horvat"] },
  { text: "x.com/maya_builds posted that they are hiring.", names: ["maya_builds"], keep: ["hiring"] },
  {
    text: "Priya Raman\nVP of Sales\nNorthwind Traders\nChicago",
    names: ["Priya Raman"],
    keep: ["Northwind Traders", "Chicago"],
  },
  {
    text: "Director of Finance Gabriel Moreau wants the annual plan.",
    names: ["Gabriel Moreau"],
    keep: ["annual plan"],
  },
  { text: "Spoke with Mei-Ling Chua; Tom Reyes (her boss) decides.", names: ["Mei-Ling Chua", "Tom Reyes"] },
  { text: "Hey Siobhan! Loved the webinar. We're a solo shop.", names: ["Siobhan"], keep: ["webinar"] },
  {
    text: "Prof. Henrik Sørensen asked about academic licences.",
    names: ["Henrik Sørensen"],
    keep: ["academic"],
  },
  { text: "Best,\nKwame", names: ["Kwame"] },
];

/** Written after the redaction was tuned on NAME_CASES. Its first measurement (28 of 36 name words removed)
 * is in RESULTS.md; the kinds it showed were fixed (people after "with"/"to", a pronoun after a name, a role
 * in apposition), so it is no longer unseen. */
export const HELD_OUT_NAME_CASES: NameCase[] = [
  {
    text: "Quick note: had coffee with Rebecca Lindholm, she buys for the Baltic stores.",
    names: ["Rebecca Lindholm"],
    keep: ["Baltic"],
  },
  {
    text: "Head of People Tariq Hussain asked whether we integrate with their payroll.",
    names: ["Tariq Hussain"],
    keep: ["payroll"],
  },
  {
    text: "Warm intro from Agnes Kiprono; the client is a 30-seat law firm.",
    names: ["Agnes Kiprono"],
    keep: ["law firm"],
  },
  { text: "Greetings Vikram, we would like a quote for our Pune office.", names: ["Vikram"], keep: ["Pune"] },
  {
    text: "Signed,\nEsperanza Ruiz Ortega\nGerente de Compras",
    names: ["Esperanza Ruiz Ortega"],
    keep: ["Compras"],
  },
  { text: "Owner: Lukas Brandt", names: ["Lukas Brandt"] },
  {
    text: "Jessica Tran wrote back asking about discounts for nonprofits.",
    names: ["Jessica Tran"],
    keep: ["nonprofits"],
  },
  { text: "Good afternoon Mr Papadopoulos, thank you for your interest.", names: ["Papadopoulos"] },
  { text: "linkedin.com/in/omarfaruk - COO, Dhaka Garments", names: ["omarfaruk"], keep: ["Dhaka Garments"] },
  {
    text: "Spoke with their IT lead, Nils Ekström, about on-prem hosting.",
    names: ["Nils Ekström"],
    keep: ["on-prem"],
  },
  { text: "Many thanks,\nClaire-Marie Fontaine", names: ["Claire-Marie Fontaine"] },
  { text: "Sent the deck to Hamid Rezaei and his finance team.", names: ["Hamid Rezaei"], keep: ["finance"] },
  { text: "Founder & CEO Ngozi Eze, 6 employees, Abuja", names: ["Ngozi Eze"], keep: ["Abuja"] },
  {
    text: "Rep note: Valentina Greco (procurement) requires three quotes.",
    names: ["Valentina Greco"],
    keep: ["three quotes"],
  },
  { text: "Contact: Bjørn Halvorsen, Oslo", names: ["Bjørn Halvorsen"], keep: ["Oslo"] },
  {
    text: "Hi team, Aoife Brennan from Clover Dairy asked for the enterprise tier.",
    names: ["Aoife Brennan"],
    keep: ["Clover Dairy"],
  },
  {
    text: "Mit freundlichen Grüßen\nFelix Zimmermann\nGeschäftsführer",
    names: ["Felix Zimmermann"],
    keep: ["Geschäftsführer"],
  },
  {
    text: "Talked with Hugo Lefèvre today; he is a PhD candidate in Lyon.",
    names: ["Hugo Lefèvre"],
    keep: ["Lyon"],
  },
  { text: "Dear Dr. Nakamura, our pricing starts at $20 a month.", names: ["Nakamura"], keep: ["$20"] },
  { text: "@sara.kim mentioned they outgrew spreadsheets.", names: ["sara.kim"], keep: ["spreadsheets"] },
];

/** Written after both sets above had shaped the redaction. First measured at 8 of 21 name words removed
 * (RESULTS.md): context words alone do not generalise, so a two- or three-word capitalised run is now a name
 * unless it is a place, an organisation or a field's value; then 21 of 21. */
export const FRESH_NAME_CASES: NameCase[] = [
  {
    text: "Lunch with Theo Marchetti next week, he manages two bakeries in Turin.",
    names: ["Theo Marchetti"],
    keep: ["Turin"],
  },
  {
    text: "Our champion, Imani Okoye, left the company last month.",
    names: ["Imani Okoye"],
    keep: ["company"],
  },
  { text: "Please loop in Dmitri Volkov, their CISO.", names: ["Dmitri Volkov"], keep: ["CISO"] },
  { text: "Salut Margaux, je reviens vers vous pour le devis.", names: ["Margaux"], keep: ["devis"] },
  { text: "Yours sincerely,\nWinston Achebe", names: ["Winston Achebe"] },
  {
    text: "The decision maker is Carmen Iglesias, not the office manager.",
    names: ["Carmen Iglesias"],
    keep: ["office manager"],
  },
  {
    text: "Booked a demo for Leon Hartley (Operations Director, Fenwick Mills).",
    names: ["Leon Hartley"],
    keep: ["Fenwick Mills"],
  },
  {
    text: "Received an RFP from Saanvi Kulkarni at Meridian Health.",
    names: ["Saanvi Kulkarni"],
    keep: ["Meridian Health"],
  },
  {
    text: "Ms Okonkwo-Baptiste confirmed the budget of EUR 40k.",
    names: ["Okonkwo-Baptiste"],
    keep: ["EUR 40k"],
  },
  { text: "Vendor manager Astrid Nyberg wants SOC 2 reports.", names: ["Astrid Nyberg"], keep: ["SOC 2"] },
  { text: "Thx, Gustavo", names: ["Gustavo"] },
  {
    text: "Forwarding from Eitan Shapiro: 'we are 4 people and need something cheap'",
    names: ["Eitan Shapiro"],
    keep: ["cheap"],
  },
];
