/**
 * Static reference data for the demo organisation generator: locations, names, the skill
 * taxonomy, divisions with their departments / teams / job ladders, and SMART goal templates.
 * Pure constants — the generator (generator.ts) resolves names to keys and validates them.
 */

// ---------------------------------------------------------------------------------------------
// Locations

export type NamePoolId = 'anglo' | 'german' | 'lusophone' | 'french' | 'hispanic' | 'indian' | 'sea';

export interface LocationSpec {
  readonly name: string;
  /** IANA zone. */
  readonly timezone: string;
  /** Standard (non-DST) UTC offset in minutes. */
  readonly utcOffsetMinutes: number;
  /** ISO 639-1 primary language of the office. */
  readonly primaryLanguage: string;
  /** Probability that someone whose primary language is not English also speaks English. */
  readonly englishProbability: number;
  /** Further languages spoken by some people, with the probability of each. */
  readonly extraLanguages: readonly (readonly [string, number])[];
  readonly namePool: NamePoolId;
}

export const LOCATIONS: readonly LocationSpec[] = [
  { name: 'London', timezone: 'Europe/London', utcOffsetMinutes: 0, primaryLanguage: 'en', englishProbability: 1, extraLanguages: [['fr', 0.08], ['es', 0.06], ['pl', 0.04], ['hi', 0.04], ['de', 0.03]], namePool: 'anglo' },
  { name: 'Berlin', timezone: 'Europe/Berlin', utcOffsetMinutes: 60, primaryLanguage: 'de', englishProbability: 0.86, extraLanguages: [['fr', 0.06], ['tr', 0.05], ['es', 0.05], ['pl', 0.03]], namePool: 'german' },
  { name: 'Lisbon', timezone: 'Europe/Lisbon', utcOffsetMinutes: 0, primaryLanguage: 'pt', englishProbability: 0.88, extraLanguages: [['es', 0.22], ['fr', 0.1]], namePool: 'lusophone' },
  { name: 'Paris', timezone: 'Europe/Paris', utcOffsetMinutes: 60, primaryLanguage: 'fr', englishProbability: 0.82, extraLanguages: [['es', 0.1], ['ar', 0.05], ['de', 0.05]], namePool: 'french' },
  { name: 'New York', timezone: 'America/New_York', utcOffsetMinutes: -300, primaryLanguage: 'en', englishProbability: 1, extraLanguages: [['es', 0.15], ['zh', 0.05], ['fr', 0.04]], namePool: 'anglo' },
  { name: 'San Francisco', timezone: 'America/Los_Angeles', utcOffsetMinutes: -480, primaryLanguage: 'en', englishProbability: 1, extraLanguages: [['es', 0.12], ['zh', 0.08], ['hi', 0.05], ['ja', 0.03]], namePool: 'anglo' },
  { name: 'Toronto', timezone: 'America/Toronto', utcOffsetMinutes: -300, primaryLanguage: 'en', englishProbability: 1, extraLanguages: [['fr', 0.25], ['zh', 0.06], ['pa', 0.04]], namePool: 'anglo' },
  { name: 'Mexico City', timezone: 'America/Mexico_City', utcOffsetMinutes: -360, primaryLanguage: 'es', englishProbability: 0.8, extraLanguages: [['pt', 0.05], ['fr', 0.04]], namePool: 'hispanic' },
  { name: 'São Paulo', timezone: 'America/Sao_Paulo', utcOffsetMinutes: -180, primaryLanguage: 'pt', englishProbability: 0.78, extraLanguages: [['es', 0.25], ['it', 0.04]], namePool: 'lusophone' },
  { name: 'Bangalore', timezone: 'Asia/Kolkata', utcOffsetMinutes: 330, primaryLanguage: 'en', englishProbability: 1, extraLanguages: [['hi', 0.55], ['kn', 0.25], ['ta', 0.12], ['te', 0.1]], namePool: 'indian' },
  { name: 'Singapore', timezone: 'Asia/Singapore', utcOffsetMinutes: 480, primaryLanguage: 'en', englishProbability: 1, extraLanguages: [['zh', 0.45], ['ms', 0.15], ['ta', 0.06]], namePool: 'sea' },
  { name: 'Sydney', timezone: 'Australia/Sydney', utcOffsetMinutes: 600, primaryLanguage: 'en', englishProbability: 1, extraLanguages: [['zh', 0.06], ['it', 0.03], ['el', 0.03]], namePool: 'anglo' },
];

/** Index into LOCATIONS of the head office (the CEO sits here). */
export const HQ_LOCATION = 4; // New York

// ---------------------------------------------------------------------------------------------
// Names (first and last drawn from the same pool; diacritics are stripped for e-mails)

export const NAME_POOLS: Readonly<Record<NamePoolId, { readonly first: readonly string[]; readonly last: readonly string[] }>> = {
  anglo: {
    first: ['Olivia', 'Liam', 'Emma', 'Noah', 'Amelia', 'Oliver', 'Ava', 'James', 'Sophia', 'William', 'Isabella', 'Benjamin', 'Mia', 'Lucas', 'Charlotte', 'Henry', 'Harper', 'Alexander', 'Evelyn', 'Jack', 'Grace', 'Samuel', 'Chloe', 'Daniel', 'Ella', 'Matthew', 'Zoe', 'Ethan', 'Lily', 'Thomas', 'Hannah', 'Joseph', 'Abigail', 'David', 'Ruby', 'Michael', 'Sarah', 'Ryan', 'Emily', 'Nathan', 'Aisha', 'Owen', 'Freya', 'Isaac', 'Maya', 'Caleb', 'Naomi', 'Aaron', 'Leah', 'Connor', 'Imogen', 'Elijah', 'Phoebe', 'Dylan', 'Rosie', 'Adrian', 'Jasmine', 'Marcus', 'Tessa', 'Simon'],
    last: ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Taylor', 'Davies', 'Wilson', 'Evans', 'Thomas', 'Roberts', 'Walker', 'Wright', 'Thompson', 'White', 'Harris', 'Martin', 'Clarke', 'Lewis', 'Robinson', 'Hall', 'Young', 'Allen', 'King', 'Scott', 'Green', 'Baker', 'Adams', 'Mitchell', 'Campbell', 'Anderson', 'Murphy', "O'Brien", 'Kelly', 'Turner', 'Parker', 'Collins', 'Edwards', 'Hughes', 'Morgan', 'Bennett', 'Cooper', 'Foster', 'Gray', 'Hayes', 'Jenkins', 'Lawson', 'Marshall', 'Nolan', 'Palmer', 'Quinn', 'Reid', 'Shaw', 'Sullivan', 'Walsh', 'Ward', 'Watson', 'Fletcher', 'Brennan', 'Doyle'],
  },
  german: {
    first: ['Lukas', 'Leon', 'Finn', 'Jonas', 'Paul', 'Felix', 'Maximilian', 'Elias', 'Ben', 'Emil', 'Anna', 'Marie', 'Sophie', 'Lena', 'Hannah', 'Leonie', 'Johanna', 'Clara', 'Lea', 'Katharina', 'Tobias', 'Jan', 'Sebastian', 'Florian', 'Moritz', 'Julia', 'Laura', 'Franziska', 'Stefan', 'Greta'],
    last: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Schäfer', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann', 'Braun', 'Krüger', 'Hofmann', 'Hartmann', 'Lange', 'Schmitt', 'Werner', 'Krause', 'Meier', 'Lehmann'],
  },
  lusophone: {
    first: ['João', 'Maria', 'Ana', 'Pedro', 'Lucas', 'Gabriel', 'Beatriz', 'Mariana', 'Rafael', 'Tiago', 'Inês', 'Carolina', 'Miguel', 'Francisca', 'Rodrigo', 'Larissa', 'Fernanda', 'Bruno', 'Camila', 'Diogo', 'Juliana', 'Gustavo', 'Leonor', 'Rita', 'Matheus', 'Thiago', 'Letícia', 'André', 'Sofia', 'Vitória'],
    last: ['Silva', 'Santos', 'Oliveira', 'Souza', 'Pereira', 'Costa', 'Rodrigues', 'Almeida', 'Nascimento', 'Lima', 'Araújo', 'Fernandes', 'Carvalho', 'Gomes', 'Martins', 'Rocha', 'Ribeiro', 'Alves', 'Monteiro', 'Mendes', 'Barros', 'Freitas', 'Barbosa', 'Pinto', 'Moreira', 'Cardoso', 'Teixeira', 'Correia', 'Sousa', 'Ferreira'],
  },
  french: {
    first: ['Louis', 'Gabriel', 'Arthur', 'Jules', 'Hugo', 'Raphaël', 'Léo', 'Adam', 'Nathan', 'Théo', 'Camille', 'Léa', 'Chloé', 'Manon', 'Inès', 'Jade', 'Louise', 'Alice', 'Lina', 'Juliette', 'Mathilde', 'Élise', 'Antoine', 'Julien', 'Nicolas', 'Pierre', 'Margaux', 'Clément', 'Océane', 'Baptiste'],
    last: ['Martin', 'Bernard', 'Dubois', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefebvre', 'Michel', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel', 'Girard', 'André', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Fontaine', 'Rousseau', 'Chevalier', 'Garnier'],
  },
  hispanic: {
    first: ['Santiago', 'Mateo', 'Sebastián', 'Diego', 'Alejandro', 'Emiliano', 'Valentina', 'Sofía', 'Ximena', 'Regina', 'María José', 'Camila', 'Daniela', 'Fernanda', 'Andrea', 'Carlos', 'Luis', 'Javier', 'Ricardo', 'Miguel Ángel', 'Lucía', 'Paula', 'Gabriela', 'Isabel', 'Jorge', 'Eduardo', 'Mariana', 'Renata', 'Andrés', 'Paola'],
    last: ['García', 'Hernández', 'Martínez', 'López', 'González', 'Pérez', 'Rodríguez', 'Sánchez', 'Ramírez', 'Cruz', 'Flores', 'Gómez', 'Morales', 'Vázquez', 'Reyes', 'Jiménez', 'Torres', 'Díaz', 'Gutiérrez', 'Ruiz', 'Mendoza', 'Aguilar', 'Ortiz', 'Castillo', 'Romero', 'Álvarez', 'Moreno', 'Chávez', 'Rivera', 'Vargas'],
  },
  indian: {
    first: ['Aarav', 'Vivaan', 'Aditya', 'Arjun', 'Sai', 'Reyansh', 'Krishna', 'Ishaan', 'Rohan', 'Vikram', 'Ananya', 'Diya', 'Aadhya', 'Saanvi', 'Priya', 'Kavya', 'Anika', 'Meera', 'Lakshmi', 'Pooja', 'Rahul', 'Karthik', 'Nikhil', 'Sanjay', 'Deepa', 'Shreya', 'Neha', 'Arun', 'Divya', 'Varun'],
    last: ['Sharma', 'Patel', 'Iyer', 'Reddy', 'Nair', 'Gupta', 'Kumar', 'Singh', 'Rao', 'Menon', 'Krishnan', 'Das', 'Mehta', 'Joshi', 'Chatterjee', 'Banerjee', 'Pillai', 'Bhat', 'Kulkarni', 'Desai', 'Agarwal', 'Shetty', 'Naidu', 'Verma', 'Mishra', 'Hegde', 'Srinivasan', 'Venkatesh', 'Subramanian', 'Kapoor'],
  },
  sea: {
    first: ['Wei', 'Jun', 'Hui Min', 'Jia Hui', 'Kai', 'Ming', 'Xin Yi', 'Li Ting', 'Zhi Hao', 'Jie', 'Mei Ling', 'Shu Fen', 'Yong', 'Siti', 'Nur Aisyah', 'Ahmad', 'Farah', 'Hafiz', 'Rachel', 'Jasmine', 'Marcus', 'Darren', 'Cheryl', 'Priscilla', 'Kelvin', 'Vanessa', 'Nicholas', 'Eunice', 'Gideon', 'Irfan'],
    last: ['Tan', 'Lim', 'Lee', 'Ng', 'Ong', 'Wong', 'Goh', 'Chua', 'Chan', 'Koh', 'Teo', 'Ang', 'Yeo', 'Tay', 'Ho', 'Low', 'Toh', 'Sim', 'Chong', 'Chia', 'Rahman', 'Ismail', 'Hassan', 'Abdullah', 'Pillay', 'Seah', 'Quek', 'Foo', 'Loh', 'Kwek'],
  },
};

export const NAME_POOL_IDS: readonly NamePoolId[] = ['anglo', 'german', 'lusophone', 'french', 'hispanic', 'indian', 'sea'];

/** Pools where a compound surname is written with a space rather than a hyphen. */
export const SPACE_COMPOUND_POOLS: ReadonlySet<NamePoolId> = new Set<NamePoolId>(['hispanic', 'lusophone']);

// ---------------------------------------------------------------------------------------------
// Skill taxonomy: category → area → skill. Names are unique; keys are derived from names.

export interface SkillAreaSpec { readonly name: string; readonly skills: readonly string[] }
export interface SkillCategorySpec { readonly name: string; readonly areas: readonly SkillAreaSpec[] }

export const SKILL_TAXONOMY: readonly SkillCategorySpec[] = [
  {
    name: 'Engineering',
    areas: [
      { name: 'Backend Development', skills: ['API Design', 'Distributed Systems', 'Databases', 'Performance Optimization', 'Event-Driven Architecture'] },
      { name: 'Frontend Development', skills: ['React', 'Web Accessibility', 'Web Performance', 'Design Systems'] },
      { name: 'Mobile Development', skills: ['iOS Development', 'Android Development', 'Cross-Platform Mobile'] },
      { name: 'Cloud & Infrastructure', skills: ['Kubernetes', 'Cloud Architecture', 'Infrastructure as Code', 'Observability', 'Incident Response', 'CI/CD'] },
      { name: 'Security Engineering', skills: ['Application Security', 'Threat Modeling', 'Identity & Access Management'] },
      { name: 'Software Quality', skills: ['Test Automation', 'Code Review', 'Refactoring'] },
      { name: 'Software Architecture', skills: ['System Design', 'Technical Strategy', 'Domain-Driven Design'] },
    ],
  },
  {
    name: 'Data',
    areas: [
      { name: 'Data Engineering', skills: ['Data Pipelines', 'Data Modeling', 'Stream Processing', 'Data Warehousing'] },
      { name: 'Machine Learning', skills: ['MLOps', 'Deep Learning', 'Natural Language Processing', 'Recommender Systems', 'Generative AI'] },
      { name: 'Analytics', skills: ['SQL', 'Data Visualization', 'Experimentation & A/B Testing', 'Statistics', 'Forecasting'] },
      { name: 'Data Governance', skills: ['Data Privacy', 'Data Quality', 'Metadata Management'] },
    ],
  },
  {
    name: 'Product & Design',
    areas: [
      { name: 'Product Management', skills: ['Product Discovery', 'Roadmapping', 'Prioritization', 'Product Analytics', 'Writing Product Specs'] },
      { name: 'Design', skills: ['Interaction Design', 'Visual Design', 'Prototyping', 'UX Research', 'Content Design'] },
    ],
  },
  {
    name: 'Sales',
    areas: [
      { name: 'Selling', skills: ['Prospecting', 'Discovery Calls', 'Negotiation', 'Enterprise Sales', 'Pipeline Management', 'Solution Selling'] },
      { name: 'Partnerships', skills: ['Partner Management', 'Deal Structuring', 'Channel Sales'] },
    ],
  },
  {
    name: 'Marketing',
    areas: [
      { name: 'Brand & Communications', skills: ['Brand Strategy', 'Public Relations', 'Copywriting', 'Events Management'] },
      { name: 'Growth Marketing', skills: ['Demand Generation', 'SEO', 'Marketing Analytics', 'Lifecycle Marketing', 'Content Marketing', 'Product Marketing'] },
    ],
  },
  {
    name: 'Customer',
    areas: [
      { name: 'Customer Success', skills: ['Account Management', 'Customer Onboarding', 'Renewals & Expansion', 'Customer Advocacy', 'Customer Education'] },
      { name: 'Support', skills: ['Technical Troubleshooting', 'Escalation Management', 'Knowledge Base Writing'] },
    ],
  },
  {
    name: 'Operations',
    areas: [
      { name: 'Business Operations', skills: ['Process Improvement', 'Operational Planning', 'Vendor Management', 'Procurement'] },
      { name: 'Programme Delivery', skills: ['Project Management', 'Program Management', 'Agile Delivery'] },
      { name: 'IT & Workplace', skills: ['IT Administration', 'Workplace Management'] },
    ],
  },
  {
    name: 'Finance',
    areas: [
      { name: 'Financial Management', skills: ['Financial Planning & Analysis', 'Budgeting', 'Financial Modeling', 'Treasury'] },
      { name: 'Accounting & Control', skills: ['Accounting', 'Tax', 'Internal Audit', 'Revenue Recognition'] },
    ],
  },
  {
    name: 'People & Talent',
    areas: [
      { name: 'Talent Acquisition', skills: ['Recruiting', 'Interviewing', 'Employer Branding'] },
      { name: 'People Development', skills: ['Learning Design', 'Talent Development', 'Career Frameworks'] },
      { name: 'People Operations', skills: ['Compensation Design', 'Employee Relations', 'People Analytics', 'HR Policy', 'Diversity, Equity & Inclusion'] },
    ],
  },
  {
    name: 'Legal',
    areas: [
      { name: 'Legal Practice', skills: ['Contract Negotiation', 'Privacy Law', 'Intellectual Property', 'Employment Law', 'Litigation Management'] },
      { name: 'Governance, Risk & Compliance', skills: ['Regulatory Compliance', 'Corporate Governance', 'Risk Management', 'Policy Writing'] },
    ],
  },
  {
    name: 'Leadership',
    areas: [
      { name: 'People Leadership', skills: ['Giving Feedback', 'Coaching', 'Hiring Great Teams', 'Delegation', 'Performance Management', 'Building Inclusive Teams', 'Career Development Conversations'] },
      { name: 'Strategic Leadership', skills: ['Strategic Thinking', 'Decision Making', 'Change Management', 'Organizational Design', 'Leading Through Ambiguity'] },
      { name: 'Technical Leadership', skills: ['Cross-Team Collaboration', 'Driving Technical Decisions', 'Mentoring Engineers'] },
    ],
  },
  {
    name: 'Communication',
    areas: [
      { name: 'Interpersonal Communication', skills: ['Stakeholder Management', 'Influencing Without Authority', 'Facilitation', 'Conflict Resolution'] },
      { name: 'Presenting & Writing', skills: ['Public Speaking', 'Written Communication', 'Storytelling', 'Presenting to Executives'] },
    ],
  },
  {
    name: 'Professional Effectiveness',
    areas: [
      { name: 'Business Acumen', skills: ['Commercial Awareness', 'Market Analysis', 'Pricing Strategy', 'Customer Empathy'] },
      { name: 'Personal Effectiveness', skills: ['Time Management', 'Career Planning', 'Networking', 'Resilience'] },
    ],
  },
];

/** Areas every person may draw skills from (soft skills), whatever their division. */
export const GENERAL_AREAS: readonly string[] = ['Interpersonal Communication', 'Presenting & Writing', 'Business Acumen', 'Personal Effectiveness'];
/** Areas managers lean on. */
export const LEADERSHIP_AREAS: readonly string[] = ['People Leadership', 'Strategic Leadership'];

// ---------------------------------------------------------------------------------------------
// Divisions, departments, teams, job ladders

/**
 * 'eng': … Senior X → Staff S → Senior Staff S → Principal S → Distinguished S;
 * 'std': … Senior X → Lead X → Principal X → Senior Principal X → Distinguished X;
 * or an explicit list of 8 titles for levels 1–8.
 */
export type LadderSpec = 'eng' | 'std' | readonly string[];

export interface RoleSpec {
  /** Title at level 2, e.g. "Software Engineer". */
  readonly name: string;
  /** Noun used from Staff upwards on the 'eng' ladder, e.g. "Engineer" → "Staff Engineer". */
  readonly short?: string;
  readonly ladder: LadderSpec;
}

export interface DepartmentSpec {
  readonly name: string;
  readonly roles: readonly RoleSpec[];
  /** Overrides the division's first-line manager noun ("Design Manager"). */
  readonly managerNoun?: string;
  /** Skill areas (taxonomy area names) core to the department. */
  readonly skillAreas: readonly string[];
  /** Team name stems; extended with suffixes when a department has more teams than stems. */
  readonly teams: readonly string[];
}

export interface DivisionSpec {
  readonly name: string;
  /** Relative headcount share. */
  readonly weight: number;
  /** Title of the division head (level 9). */
  readonly chiefTitle: string;
  /** First-line manager noun: "Engineering Manager, Checkout". */
  readonly managerNoun: string;
  /** Areas shared across the division. */
  readonly skillAreas: readonly string[];
  /** Relative weights over LOCATIONS (same order). */
  readonly locationWeights: readonly number[];
  /** Senior IC role for a level-8 individual contributor reporting to the division head. */
  readonly distinguished?: RoleSpec;
  /** In priority order: small divisions use the first few. */
  readonly departments: readonly DepartmentSpec[];
}

const eng = (name: string, short?: string): RoleSpec => (short === undefined ? { name, ladder: 'eng' } : { name, short, ladder: 'eng' });
const std = (name: string): RoleSpec => ({ name, ladder: 'std' });

const ACCOUNT_EXECUTIVE: RoleSpec = {
  name: 'Account Executive',
  ladder: ['Associate Account Executive', 'Account Executive', 'Account Executive II', 'Senior Account Executive', 'Enterprise Account Executive', 'Strategic Account Executive', 'Principal Account Executive', 'Distinguished Account Executive'],
};

//                           Lon Ber Lis Par  NY  SF Tor Mex SaoP Blr Sin Syd
export const DIVISIONS: readonly DivisionSpec[] = [
  {
    name: 'Engineering', weight: 30, chiefTitle: 'Chief Technology Officer', managerNoun: 'Engineering Manager',
    skillAreas: ['Software Quality', 'Software Architecture', 'Technical Leadership'],
    locationWeights: [10, 14, 10, 3, 6, 18, 10, 3, 5, 16, 3, 2],
    distinguished: eng('Software Engineer', 'Engineer'),
    departments: [
      { name: 'Platform', roles: [eng('Software Engineer', 'Engineer')], skillAreas: ['Backend Development', 'Cloud & Infrastructure'], teams: ['Compute', 'Storage', 'Service Mesh', 'Runtime', 'Build Systems', 'Cloud Foundations', 'Messaging'] },
      { name: 'Payments', roles: [eng('Software Engineer', 'Engineer')], skillAreas: ['Backend Development', 'Security Engineering'], teams: ['Checkout', 'Ledger', 'Payouts', 'Fraud Detection', 'Billing Engine', 'Payment Methods', 'Reconciliation'] },
      { name: 'Web Experience', roles: [eng('Frontend Engineer', 'Engineer')], skillAreas: ['Frontend Development'], teams: ['Web Platform', 'Design System', 'Onboarding Flows', 'Dashboard', 'Editor', 'Notifications'] },
      { name: 'Site Reliability', roles: [eng('Site Reliability Engineer')], skillAreas: ['Cloud & Infrastructure'], teams: ['Observability', 'Incident Management', 'Capacity Planning', 'Edge Reliability', 'Database Reliability', 'Release Engineering'] },
      { name: 'Mobile', roles: [eng('Mobile Engineer', 'Engineer')], skillAreas: ['Mobile Development', 'Frontend Development'], teams: ['iOS Core', 'Android Core', 'Mobile Platform', 'Mobile Growth', 'Offline Sync'] },
      { name: 'Identity & Access', roles: [eng('Software Engineer', 'Engineer'), eng('Security Engineer')], skillAreas: ['Security Engineering', 'Backend Development'], teams: ['Authentication', 'Authorization', 'Single Sign-On', 'Account Recovery', 'Directory Sync'] },
      { name: 'Search & Discovery', roles: [eng('Software Engineer', 'Engineer'), eng('Machine Learning Engineer')], skillAreas: ['Backend Development', 'Machine Learning'], teams: ['Search Relevance', 'Indexing', 'Recommendations', 'Query Understanding', 'Ranking'] },
      { name: 'Developer Experience', roles: [eng('Software Engineer', 'Engineer')], skillAreas: ['Cloud & Infrastructure', 'Software Quality'], teams: ['Developer Tooling', 'CI Pipelines', 'Internal Platform', 'Documentation Tools', 'Test Infrastructure'] },
      { name: 'Security Engineering', roles: [eng('Security Engineer')], skillAreas: ['Security Engineering'], teams: ['Application Security', 'Cloud Security', 'Detection & Response', 'Security Tooling', 'Vulnerability Management'] },
      { name: 'Integrations', roles: [eng('Software Engineer', 'Engineer')], skillAreas: ['Backend Development', 'Frontend Development'], teams: ['Public API', 'Webhooks', 'Connectors', 'Marketplace', 'Partner SDKs'] },
      { name: 'Core Services', roles: [eng('Software Engineer', 'Engineer')], skillAreas: ['Backend Development'], teams: ['Accounts', 'Scheduling', 'Messaging Core', 'Files', 'Workflow Engine', 'Audit Log'] },
      { name: 'Quality Engineering', roles: [eng('Quality Engineer')], skillAreas: ['Software Quality'], teams: ['Test Automation', 'Performance Testing', 'Release Quality', 'Exploratory Testing'] },
    ],
  },
  {
    name: 'Sales', weight: 14, chiefTitle: 'Chief Revenue Officer', managerNoun: 'Sales Manager',
    skillAreas: ['Selling'],
    locationWeights: [14, 6, 2, 6, 20, 10, 6, 6, 8, 4, 10, 8],
    departments: [
      { name: 'Enterprise Sales', roles: [ACCOUNT_EXECUTIVE], skillAreas: ['Selling'], teams: ['North America Enterprise', 'EMEA Enterprise', 'APAC Enterprise', 'Strategic Accounts', 'Financial Services', 'Public Sector'] },
      { name: 'Mid-Market Sales', roles: [ACCOUNT_EXECUTIVE], skillAreas: ['Selling'], teams: ['North America Mid-Market', 'EMEA Mid-Market', 'DACH', 'UK & Ireland', 'Nordics', 'ANZ', 'LATAM'] },
      { name: 'Sales Development', roles: [std('Sales Development Representative')], managerNoun: 'Sales Development Manager', skillAreas: ['Selling'], teams: ['Inbound SDR', 'Outbound SDR EMEA', 'Outbound SDR Americas', 'Outbound SDR APAC'] },
      { name: 'Solutions Engineering', roles: [std('Solutions Engineer')], managerNoun: 'Solutions Engineering Manager', skillAreas: ['Selling', 'Software Architecture'], teams: ['Solutions Americas', 'Solutions EMEA', 'Solutions APAC', 'Technical Proof of Concept'] },
      { name: 'Sales Operations', roles: [std('Sales Operations Analyst')], managerNoun: 'Sales Operations Manager', skillAreas: ['Business Operations', 'Analytics'], teams: ['Sales Systems', 'Territory Planning', 'Deal Desk', 'Compensation Operations'] },
      { name: 'Partnerships', roles: [std('Partner Manager')], managerNoun: 'Partnerships Lead', skillAreas: ['Partnerships'], teams: ['Technology Partners', 'Channel Partners', 'Alliances', 'Marketplace Partners'] },
      { name: 'Commercial Sales', roles: [ACCOUNT_EXECUTIVE], skillAreas: ['Selling'], teams: ['Commercial Americas', 'Commercial EMEA', 'Commercial APAC', 'Velocity Sales'] },
      { name: 'Renewals', roles: [std('Renewals Specialist')], skillAreas: ['Selling', 'Customer Success'], teams: ['Renewals Americas', 'Renewals EMEA', 'Renewals APAC'] },
    ],
  },
  {
    name: 'People', weight: 5, chiefTitle: 'Chief People Officer', managerNoun: 'People Manager',
    skillAreas: ['People Operations', 'People Development'],
    locationWeights: [16, 6, 4, 4, 16, 10, 6, 4, 4, 12, 6, 4],
    departments: [
      { name: 'Learning & Development', roles: [std('Learning Partner')], managerNoun: 'Learning & Development Manager', skillAreas: ['People Development', 'People Leadership'], teams: ['Mentoring & Coaching', 'Leadership Development', 'Onboarding Academy', 'Learning Platform'] },
      { name: 'Talent Acquisition', roles: [std('Recruiter')], managerNoun: 'Recruiting Manager', skillAreas: ['Talent Acquisition'], teams: ['Technical Recruiting', 'Go-to-Market Recruiting', 'Executive Search', 'Recruiting Operations', 'Early Careers', 'Sourcing'] },
      { name: 'People Partners', roles: [std('HR Business Partner')], managerNoun: 'People Partner Lead', skillAreas: ['People Operations', 'People Leadership'], teams: ['Engineering Partners', 'Go-to-Market Partners', 'G&A Partners', 'Product & Data Partners'] },
      { name: 'People Operations', roles: [std('People Operations Specialist')], managerNoun: 'People Operations Manager', skillAreas: ['People Operations'], teams: ['HR Services', 'People Systems', 'Employee Lifecycle', 'Immigration & Mobility'] },
      { name: 'Total Rewards', roles: [std('Compensation Analyst')], managerNoun: 'Total Rewards Manager', skillAreas: ['People Operations', 'Financial Management'], teams: ['Compensation', 'Benefits', 'Equity Programs'] },
      { name: 'Employee Experience', roles: [std('Employee Experience Specialist')], skillAreas: ['People Development', 'People Operations'], teams: ['Engagement & Culture', 'Wellbeing', 'Inclusion Programs'] },
      { name: 'People Analytics', roles: [std('People Analyst')], managerNoun: 'People Analytics Manager', skillAreas: ['People Operations', 'Analytics'], teams: ['Workforce Analytics', 'Surveys & Listening'] },
    ],
  },
  {
    name: 'Product', weight: 8, chiefTitle: 'Chief Product Officer', managerNoun: 'Product Lead',
    skillAreas: ['Product Management'],
    locationWeights: [12, 10, 5, 4, 14, 22, 8, 2, 3, 8, 3, 2],
    departments: [
      { name: 'Product Management', roles: [std('Product Manager')], managerNoun: 'Group Product Manager', skillAreas: ['Product Management'], teams: ['Core Product', 'Growth', 'Platform Product', 'Enterprise Product', 'Mobile Product', 'Monetisation'] },
      { name: 'Product Design', roles: [std('Product Designer')], managerNoun: 'Design Manager', skillAreas: ['Design'], teams: ['Core Design', 'Growth Design', 'Design Systems Studio', 'Mobile Design', 'Design Operations'] },
      { name: 'UX Research', roles: [std('UX Researcher')], managerNoun: 'Research Manager', skillAreas: ['Design'], teams: ['Discovery Research', 'Evaluative Research', 'Research Operations', 'Insights'] },
      { name: 'Content Design', roles: [std('Content Designer')], managerNoun: 'Content Design Manager', skillAreas: ['Design', 'Presenting & Writing'], teams: ['Product Content', 'Localisation', 'UX Writing'] },
      { name: 'Product Operations', roles: [std('Product Operations Specialist')], managerNoun: 'Product Operations Manager', skillAreas: ['Product Management', 'Business Operations'], teams: ['Launch Management', 'Product Tooling', 'Feedback Operations'] },
    ],
  },
  {
    name: 'Customer Success', weight: 11, chiefTitle: 'Chief Customer Officer', managerNoun: 'Customer Success Lead',
    skillAreas: ['Customer Success', 'Support'],
    locationWeights: [12, 6, 8, 4, 12, 6, 6, 6, 8, 14, 8, 8],
    departments: [
      { name: 'Customer Success Management', roles: [std('Customer Success Manager')], skillAreas: ['Customer Success'], teams: ['Enterprise Success', 'Mid-Market Success', 'Digital Success', 'Strategic Success', 'Public Sector Success'] },
      { name: 'Technical Support', roles: [std('Support Engineer')], managerNoun: 'Support Manager', skillAreas: ['Support', 'Cloud & Infrastructure'], teams: ['Tier 1 Support', 'Tier 2 Support', 'Platform Support', 'API Support', 'Follow-the-Sun'] },
      { name: 'Customer Onboarding', roles: [std('Onboarding Specialist')], managerNoun: 'Onboarding Manager', skillAreas: ['Customer Success'], teams: ['Enterprise Onboarding', 'Self-Serve Onboarding', 'Migrations'] },
      { name: 'Professional Services', roles: [std('Implementation Consultant')], managerNoun: 'Professional Services Manager', skillAreas: ['Customer Success', 'Programme Delivery'], teams: ['Implementation Americas', 'Implementation EMEA', 'Implementation APAC', 'Technical Consulting'] },
      { name: 'Technical Account Management', roles: [std('Technical Account Manager')], managerNoun: 'Technical Account Management Lead', skillAreas: ['Customer Success', 'Support'], teams: ['Premier Accounts', 'TAM Americas', 'TAM EMEA'] },
      { name: 'Customer Education', roles: [std('Customer Education Specialist')], managerNoun: 'Customer Education Manager', skillAreas: ['Customer Success', 'People Development'], teams: ['Academy', 'Certification Programs', 'Product Documentation'] },
      { name: 'Support Operations', roles: [std('Support Operations Analyst')], managerNoun: 'Support Operations Manager', skillAreas: ['Support', 'Business Operations'], teams: ['Support Tooling', 'Workforce Management', 'Support Quality'] },
    ],
  },
  {
    name: 'Marketing', weight: 7, chiefTitle: 'Chief Marketing Officer', managerNoun: 'Marketing Manager',
    skillAreas: ['Growth Marketing', 'Brand & Communications'],
    locationWeights: [16, 4, 2, 5, 22, 14, 5, 4, 5, 3, 6, 4],
    departments: [
      { name: 'Growth Marketing', roles: [std('Growth Marketer')], skillAreas: ['Growth Marketing'], teams: ['Paid Acquisition', 'Lifecycle', 'Web Growth', 'Referral Programs'] },
      { name: 'Product Marketing', roles: [std('Product Marketing Manager')], managerNoun: 'Product Marketing Lead', skillAreas: ['Growth Marketing', 'Product Management'], teams: ['Platform Marketing', 'Enterprise Marketing', 'Launches', 'Competitive Intelligence'] },
      { name: 'Brand', roles: [std('Brand Marketer')], managerNoun: 'Brand Manager', skillAreas: ['Brand & Communications'], teams: ['Brand Studio', 'Creative Services', 'Video', 'Brand Campaigns'] },
      { name: 'Demand Generation', roles: [std('Demand Generation Specialist')], skillAreas: ['Growth Marketing'], teams: ['Demand Americas', 'Demand EMEA', 'Demand APAC', 'Account-Based Marketing'] },
      { name: 'Content', roles: [std('Content Marketer')], managerNoun: 'Content Manager', skillAreas: ['Growth Marketing', 'Presenting & Writing'], teams: ['Editorial', 'Social Media', 'Customer Stories', 'Webinars'] },
      { name: 'Communications', roles: [std('Communications Specialist')], managerNoun: 'Communications Manager', skillAreas: ['Brand & Communications', 'Presenting & Writing'], teams: ['Corporate Communications', 'Internal Communications', 'Media Relations'] },
      { name: 'Events', roles: [std('Events Specialist')], managerNoun: 'Events Manager', skillAreas: ['Brand & Communications'], teams: ['Flagship Conference', 'Field Events', 'Virtual Events'] },
      { name: 'Marketing Operations', roles: [std('Marketing Operations Specialist')], skillAreas: ['Growth Marketing', 'Analytics'], teams: ['Marketing Automation', 'Attribution', 'Campaign Operations'] },
    ],
  },
  {
    name: 'Data', weight: 9, chiefTitle: 'Chief Data Officer', managerNoun: 'Data Science Manager',
    skillAreas: ['Analytics'],
    locationWeights: [10, 12, 6, 3, 8, 16, 8, 2, 3, 16, 5, 2],
    distinguished: eng('Data Scientist'),
    departments: [
      { name: 'Data Platform', roles: [eng('Data Engineer')], managerNoun: 'Data Engineering Manager', skillAreas: ['Data Engineering', 'Cloud & Infrastructure'], teams: ['Ingestion', 'Warehouse', 'Streaming', 'Orchestration', 'Data Catalog', 'Lakehouse'] },
      { name: 'Machine Learning', roles: [eng('Machine Learning Engineer')], managerNoun: 'Machine Learning Manager', skillAreas: ['Machine Learning', 'Data Engineering'], teams: ['ML Platform', 'Forecasting Models', 'Personalisation', 'Applied NLP', 'Model Serving', 'Feature Store'] },
      { name: 'Analytics', roles: [std('Data Analyst')], managerNoun: 'Analytics Manager', skillAreas: ['Analytics'], teams: ['Product Analytics', 'Commercial Analytics', 'Finance Analytics', 'Self-Serve Analytics', 'Customer Analytics'] },
      { name: 'Data Science', roles: [eng('Data Scientist')], skillAreas: ['Analytics', 'Machine Learning'], teams: ['Product Data Science', 'Marketing Science', 'Risk Modelling', 'Causal Inference'] },
      { name: 'Data Governance', roles: [std('Data Governance Analyst')], managerNoun: 'Data Governance Manager', skillAreas: ['Data Governance'], teams: ['Data Quality', 'Privacy Engineering', 'Metadata', 'Access Governance'] },
      { name: 'Applied Research', roles: [eng('Research Scientist')], managerNoun: 'Research Manager', skillAreas: ['Machine Learning'], teams: ['Language Models', 'Optimisation Research', 'Ranking Research'] },
      { name: 'Business Intelligence', roles: [std('BI Developer')], managerNoun: 'BI Manager', skillAreas: ['Analytics', 'Data Engineering'], teams: ['Executive Reporting', 'BI Platform', 'Operational Reporting'] },
    ],
  },
  {
    name: 'Operations', weight: 7, chiefTitle: 'Chief Operating Officer', managerNoun: 'Operations Manager',
    skillAreas: ['Business Operations', 'Programme Delivery'],
    locationWeights: [14, 6, 6, 3, 14, 10, 4, 5, 5, 18, 8, 4],
    departments: [
      { name: 'Business Operations', roles: [std('Business Operations Analyst')], skillAreas: ['Business Operations'], teams: ['Planning & Reporting', 'Operational Excellence', 'Business Systems'] },
      { name: 'Program Management', roles: [std('Program Manager')], managerNoun: 'Program Management Lead', skillAreas: ['Programme Delivery'], teams: ['Technical Programs', 'Launch Programs', 'Transformation Office', 'Portfolio Management'] },
      { name: 'IT', roles: [std('IT Engineer')], managerNoun: 'IT Manager', skillAreas: ['IT & Workplace', 'Cloud & Infrastructure'], teams: ['Service Desk', 'End-User Computing', 'Corporate Systems', 'IT Security Operations'] },
      { name: 'Procurement', roles: [std('Procurement Specialist')], managerNoun: 'Procurement Manager', skillAreas: ['Business Operations'], teams: ['Strategic Sourcing', 'Supplier Management', 'Purchasing'] },
      { name: 'Trust & Safety', roles: [std('Trust & Safety Analyst')], managerNoun: 'Trust & Safety Manager', skillAreas: ['Business Operations', 'Governance, Risk & Compliance'], teams: ['Content Moderation', 'Fraud Operations', 'Policy Enforcement'] },
      { name: 'Workplace', roles: [std('Workplace Coordinator')], managerNoun: 'Workplace Manager', skillAreas: ['IT & Workplace'], teams: ['Facilities', 'Office Experience', 'Travel', 'Real Estate'] },
      { name: 'Strategy', roles: [std('Strategy Analyst')], managerNoun: 'Strategy Manager', skillAreas: ['Business Acumen', 'Business Operations'], teams: ['Corporate Strategy', 'Market Strategy', 'M&A Integration'] },
    ],
  },
  {
    name: 'Finance', weight: 5, chiefTitle: 'Chief Financial Officer', managerNoun: 'Finance Manager',
    skillAreas: ['Financial Management', 'Accounting & Control'],
    locationWeights: [18, 4, 3, 3, 24, 10, 4, 3, 3, 14, 8, 2],
    departments: [
      { name: 'Financial Planning & Analysis', roles: [std('Financial Analyst')], skillAreas: ['Financial Management'], teams: ['Corporate FP&A', 'Revenue Planning', 'Cost Planning', 'Headcount Planning'] },
      { name: 'Accounting', roles: [std('Accountant')], managerNoun: 'Accounting Manager', skillAreas: ['Accounting & Control'], teams: ['General Ledger', 'Accounts Payable', 'Accounts Receivable', 'Revenue Accounting', 'Consolidation'] },
      { name: 'Tax', roles: [std('Tax Specialist')], managerNoun: 'Tax Manager', skillAreas: ['Accounting & Control'], teams: ['Indirect Tax', 'Corporate Tax', 'Transfer Pricing'] },
      { name: 'Treasury', roles: [std('Treasury Analyst')], managerNoun: 'Treasury Manager', skillAreas: ['Financial Management'], teams: ['Cash Management', 'FX & Hedging', 'Banking Relationships'] },
      { name: 'Payroll', roles: [std('Payroll Specialist')], managerNoun: 'Payroll Manager', skillAreas: ['Accounting & Control', 'People Operations'], teams: ['Payroll EMEA', 'Payroll Americas', 'Payroll APAC'] },
      { name: 'Internal Audit', roles: [std('Internal Auditor')], managerNoun: 'Audit Manager', skillAreas: ['Accounting & Control', 'Governance, Risk & Compliance'], teams: ['Financial Audit', 'IT Audit', 'Operational Audit'] },
      { name: 'Investor Relations', roles: [std('Investor Relations Analyst')], managerNoun: 'Investor Relations Lead', skillAreas: ['Financial Management', 'Presenting & Writing'], teams: ['Investor Relations', 'Earnings & Reporting'] },
    ],
  },
  {
    name: 'Legal', weight: 3, chiefTitle: 'General Counsel', managerNoun: 'Legal Lead',
    skillAreas: ['Legal Practice', 'Governance, Risk & Compliance'],
    locationWeights: [22, 6, 2, 6, 28, 14, 4, 2, 3, 4, 6, 3],
    departments: [
      { name: 'Commercial Legal', roles: [std('Commercial Counsel')], skillAreas: ['Legal Practice'], teams: ['Sales Contracts', 'Procurement Contracts', 'Partnerships Legal'] },
      { name: 'Privacy', roles: [std('Privacy Counsel')], skillAreas: ['Legal Practice', 'Data Governance'], teams: ['Privacy Program', 'Data Protection', 'Privacy Engineering Liaison'] },
      { name: 'Compliance', roles: [std('Compliance Analyst')], managerNoun: 'Compliance Manager', skillAreas: ['Governance, Risk & Compliance'], teams: ['Regulatory Compliance', 'Ethics & Integrity', 'Certifications'] },
      { name: 'Corporate Legal', roles: [std('Corporate Counsel')], skillAreas: ['Legal Practice', 'Governance, Risk & Compliance'], teams: ['Corporate Governance', 'Securities', 'Entity Management'] },
      { name: 'Employment Law', roles: [std('Employment Counsel')], skillAreas: ['Legal Practice'], teams: ['Employment Advisory', 'Employee Relations Legal', 'Global Mobility Legal'] },
      { name: 'Intellectual Property', roles: [std('IP Counsel')], skillAreas: ['Legal Practice'], teams: ['Patents', 'Trademarks', 'Open Source Compliance'] },
      { name: 'Legal Operations', roles: [std('Legal Operations Specialist')], managerNoun: 'Legal Operations Manager', skillAreas: ['Governance, Risk & Compliance', 'Business Operations'], teams: ['Contract Management', 'Legal Tech', 'eDiscovery'] },
    ],
  },
];

/** Suffixes for teams once a department's stems are used up ("Checkout Beta"). */
export const TEAM_SUFFIXES: readonly string[] = ['Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon', 'Zeta', 'Eta', 'Theta', 'Iota', 'Kappa', 'Lambda', 'Sigma', 'Omega'];

/** Names for intermediate management groups inside a department ("Payments Foundations"). */
export const GROUP_NAMES: readonly string[] = ['Core', 'Foundations', 'Experience', 'Growth', 'Scale', 'Enablement', 'Insights', 'Expansion', 'Reliability', 'Quality', 'Innovation', 'Excellence', 'Horizons', 'Frontiers'];

// ---------------------------------------------------------------------------------------------
// SMART goal templates

export type GoalAudience = 'any' | 'manager' | 'ic' | 'senior';

export interface GoalTemplateSpec {
  readonly title: string;
  /** 1–3 taxonomy skill names; the first decides which departments the goal is typical for. */
  readonly skills: readonly string[];
  readonly measure: string;
  /** Inclusive integer ranges. A target below the baseline means "reduce". */
  readonly baseline: readonly [number, number];
  readonly target: readonly [number, number];
  readonly audience: GoalAudience;
}

const g = (title: string, skills: readonly string[], measure: string, baseline: readonly [number, number], target: readonly [number, number], audience: GoalAudience = 'any'): GoalTemplateSpec =>
  ({ title, skills, measure, baseline, target, audience });

export const GOAL_TEMPLATES: readonly GoalTemplateSpec[] = [
  // Engineering
  g('Lead a cross-team design review', ['System Design', 'Cross-Team Collaboration'], 'design reviews led', [0, 0], [2, 4]),
  g('Design and ship a new public API', ['API Design', 'Written Communication'], 'API endpoints shipped to production', [0, 0], [3, 6]),
  g('Reduce p95 latency of a critical service', ['Performance Optimization', 'Observability'], 'p95 latency (ms)', [300, 600], [120, 250]),
  g('Act as incident commander on my team’s rotation', ['Incident Response', 'Observability'], 'incidents led as incident commander', [0, 0], [2, 4]),
  g('Raise test coverage of a legacy module', ['Test Automation', 'Refactoring'], 'line coverage (%)', [35, 55], [70, 85]),
  g('Write architecture decision records for major changes', ['Technical Strategy', 'Written Communication'], 'ADRs accepted', [0, 0], [1, 3], 'senior'),
  g('Migrate a service to Kubernetes', ['Kubernetes', 'Infrastructure as Code'], 'services migrated', [0, 0], [1, 3]),
  g('Run threat-modelling sessions for my product area', ['Threat Modeling', 'Application Security'], 'threat models completed', [0, 0], [1, 3]),
  g('Make our web app WCAG 2.2 AA compliant', ['Web Accessibility', 'React'], 'open accessibility issues', [40, 80], [0, 10]),
  g('Ship a feature on both iOS and Android', ['iOS Development', 'Android Development'], 'features shipped on both platforms', [0, 0], [1, 2]),
  g('Become a trusted code reviewer', ['Code Review'], 'reviews completed per month', [4, 10], [20, 30], 'ic'),
  g('Extract a well-bounded service from the monolith', ['Domain-Driven Design', 'Distributed Systems'], 'modules extracted', [0, 0], [1, 2]),
  g('Tune the slowest database queries', ['Databases', 'Performance Optimization'], 'slow queries per day', [50, 200], [5, 20]),
  g('Drive a technical decision across three teams', ['Driving Technical Decisions', 'Influencing Without Authority'], 'cross-team decisions driven to agreement', [0, 0], [1, 3], 'senior'),
  g('Mentor engineers new to the codebase', ['Mentoring Engineers', 'Coaching'], 'mentoring sessions held', [0, 2], [10, 16], 'senior'),
  g('Cut build times for the main repository', ['CI/CD', 'Infrastructure as Code'], 'median CI time (minutes)', [25, 40], [8, 15]),
  // Data
  g('Ship a production machine-learning model', ['MLOps', 'Deep Learning'], 'models in production', [0, 0], [1, 2]),
  g('Build a reliable data pipeline with SLAs', ['Data Pipelines', 'Data Quality'], 'pipelines meeting SLA (%)', [60, 80], [95, 99]),
  g('Design and analyse an A/B test end to end', ['Experimentation & A/B Testing', 'Statistics'], 'experiments analysed', [0, 1], [3, 6]),
  g('Build a self-serve dashboard for a business team', ['Data Visualization', 'SQL'], 'weekly active dashboard users', [0, 5], [25, 60]),
  g('Model a core domain in the warehouse', ['Data Modeling', 'Data Warehousing'], 'data models documented', [0, 2], [5, 10]),
  g('Evaluate a language model for an internal use case', ['Natural Language Processing', 'Generative AI'], 'models evaluated', [0, 0], [2, 3]),
  g('Improve demand forecast accuracy', ['Forecasting', 'Statistics'], 'forecast accuracy (%)', [70, 80], [88, 94]),
  // Product & design
  g('Run continuous discovery interviews', ['Product Discovery', 'UX Research'], 'customer interviews held', [0, 4], [20, 30]),
  g('Own the quarterly roadmap for my area', ['Roadmapping', 'Prioritization'], 'roadmaps published', [0, 0], [1, 2]),
  g('Write crisp product specs', ['Writing Product Specs', 'Written Communication'], 'specs approved without rework', [0, 1], [4, 6]),
  g('Define and track a north-star metric', ['Product Analytics', 'Data Visualization'], 'metric dashboards adopted', [0, 0], [1, 2]),
  g('Prototype and test a new flow with users', ['Prototyping', 'Interaction Design'], 'usability tests run', [0, 1], [5, 8]),
  g('Contribute components to the design system', ['Visual Design', 'Design Systems'], 'components contributed', [0, 2], [6, 10]),
  g('Lead design critiques for my product area', ['Interaction Design', 'Facilitation'], 'critiques facilitated', [0, 1], [6, 10]),
  // Sales
  g('Close new enterprise deals', ['Enterprise Sales', 'Negotiation'], 'deals closed', [0, 1], [3, 6]),
  g('Build a healthy qualified pipeline', ['Pipeline Management', 'Prospecting'], 'qualified pipeline (k$)', [100, 300], [600, 1200]),
  g('Improve discovery-call conversion', ['Discovery Calls', 'Solution Selling'], 'discovery-to-demo conversion (%)', [20, 30], [40, 50]),
  g('Launch a co-selling motion with a partner', ['Partner Management', 'Deal Structuring'], 'partner-sourced deals', [0, 0], [2, 5]),
  // Marketing
  g('Launch an integrated campaign', ['Demand Generation', 'Content Marketing'], 'marketing-qualified leads', [50, 150], [300, 600]),
  g('Grow organic traffic', ['SEO', 'Content Marketing'], 'monthly organic visits (thousands)', [20, 60], [80, 150]),
  g('Own a product launch end to end', ['Product Marketing', 'Storytelling'], 'launches delivered', [0, 0], [1, 2]),
  g('Secure press coverage for a company milestone', ['Public Relations', 'Storytelling'], 'tier-1 articles', [0, 0], [2, 4]),
  g('Refresh the brand guidelines', ['Brand Strategy', 'Copywriting'], 'teams adopting the new guidelines', [0, 0], [5, 10]),
  // Customer
  g('Reduce churn in my book of business', ['Renewals & Expansion', 'Account Management'], 'gross revenue retention (%)', [82, 88], [92, 96]),
  g('Shorten time-to-value for new customers', ['Customer Onboarding', 'Process Improvement'], 'days to first value', [45, 60], [20, 30]),
  g('Resolve escalations faster', ['Escalation Management', 'Technical Troubleshooting'], 'median escalation resolution (hours)', [30, 48], [8, 16]),
  g('Publish knowledge-base articles', ['Knowledge Base Writing', 'Written Communication'], 'articles published', [0, 3], [15, 25]),
  g('Raise the NPS of my accounts', ['Customer Advocacy', 'Account Management'], 'NPS', [20, 35], [45, 60]),
  // Operations
  g('Automate a manual operations process', ['Process Improvement', 'Operational Planning'], 'hours saved per month', [0, 0], [20, 60]),
  g('Deliver a cross-functional programme on time', ['Program Management', 'Stakeholder Management'], 'milestones hit on time (%)', [50, 70], [90, 100]),
  g('Renegotiate key vendor contracts', ['Vendor Management', 'Negotiation'], 'annual savings (k$)', [0, 0], [50, 200]),
  g('Introduce agile rituals to a new team', ['Agile Delivery', 'Facilitation'], 'sprints run with retrospectives', [0, 0], [6, 10]),
  g('Cut IT ticket resolution time', ['IT Administration', 'Process Improvement'], 'median resolution time (hours)', [24, 40], [6, 12]),
  // Finance
  g('Build a driver-based forecast model', ['Financial Modeling', 'Financial Planning & Analysis'], 'forecast accuracy (%)', [75, 85], [92, 97]),
  g('Shorten the monthly close', ['Accounting', 'Process Improvement'], 'days to close', [8, 12], [4, 6]),
  g('Partner with a business unit on its budget', ['Budgeting', 'Commercial Awareness'], 'budget reviews led', [0, 0], [3, 4]),
  g('Prepare the company for a clean audit', ['Internal Audit', 'Revenue Recognition'], 'open audit findings', [8, 15], [0, 2]),
  // People
  g('Run structured interviews', ['Interviewing', 'Recruiting'], 'structured interviews conducted', [0, 5], [20, 30]),
  g('Design a learning programme', ['Learning Design', 'Talent Development'], 'learners completing the programme', [0, 0], [30, 80]),
  g('Reduce time to hire', ['Recruiting', 'Process Improvement'], 'median days to hire', [45, 60], [25, 35]),
  g('Publish a transparent career framework', ['Career Frameworks', 'Written Communication'], 'job families covered', [0, 2], [6, 10]),
  g('Build a people-analytics dashboard', ['People Analytics', 'Data Visualization'], 'leaders using the dashboard monthly', [0, 0], [10, 25]),
  // Legal
  g('Standardise contract templates', ['Contract Negotiation', 'Policy Writing'], 'templates published', [0, 1], [4, 6]),
  g('Shorten contract turnaround', ['Contract Negotiation', 'Process Improvement'], 'median days to signature', [14, 21], [5, 8]),
  g('Run privacy impact assessments', ['Privacy Law', 'Data Privacy'], 'assessments completed', [0, 0], [2, 4]),
  g('Get ready for a compliance certification audit', ['Regulatory Compliance', 'Risk Management'], 'open audit findings', [10, 20], [0, 3]),
  // Leadership, communication and personal growth (any division)
  g('Give structured feedback to every direct report monthly', ['Giving Feedback', 'Performance Management'], 'feedback conversations held', [0, 0], [10, 12], 'manager'),
  g('Hold career conversations with my whole team', ['Career Development Conversations', 'Coaching'], 'career plans agreed', [0, 1], [4, 8], 'manager'),
  g('Hire and onboard new team members', ['Hiring Great Teams', 'Interviewing'], 'hires onboarded', [0, 0], [1, 3], 'manager'),
  g('Delegate ownership of a key area', ['Delegation', 'Coaching'], 'areas fully delegated', [0, 0], [1, 3], 'manager'),
  g('Lead my organisation through a reorganisation', ['Change Management', 'Organizational Design'], 'team health score', [55, 65], [75, 85], 'manager'),
  g('Build a more inclusive team', ['Building Inclusive Teams', 'Diversity, Equity & Inclusion'], 'inclusion survey score', [60, 70], [78, 88], 'manager'),
  g('Present at a company all-hands', ['Public Speaking', 'Storytelling'], 'presentations delivered', [0, 0], [1, 3]),
  g('Present a proposal to the executive team', ['Presenting to Executives', 'Influencing Without Authority'], 'proposals presented', [0, 0], [1, 2], 'senior'),
  g('Facilitate my team’s retrospectives', ['Facilitation', 'Conflict Resolution'], 'retrospectives facilitated', [0, 1], [6, 10]),
  g('Improve stakeholder alignment on my projects', ['Stakeholder Management', 'Written Communication'], 'stakeholder satisfaction (1–5)', [2, 3], [4, 5]),
  g('Build a network across the company', ['Networking', 'Cross-Team Collaboration'], 'people met from other divisions', [0, 3], [10, 15]),
  g('Take on a stretch assignment', ['Leading Through Ambiguity', 'Decision Making'], 'stretch projects completed', [0, 0], [1, 1]),
  g('Protect focus time', ['Time Management'], 'meeting hours per week', [20, 28], [10, 15]),
  g('Prepare for promotion to the next level', ['Career Planning', 'Strategic Thinking'], 'promotion criteria met', [1, 2], [5, 6], 'ic'),
  g('Learn to read the business’s numbers', ['Commercial Awareness', 'Market Analysis'], 'business reviews contributed to', [0, 0], [2, 4]),
  g('Set and communicate a strategy for my area', ['Strategic Thinking', 'Storytelling'], 'strategy documents published', [0, 0], [1, 2], 'senior'),
  g('Resolve a long-standing team conflict', ['Conflict Resolution', 'Giving Feedback'], 'team health score', [50, 60], [70, 80], 'manager'),
  g('Build a sustainable working rhythm', ['Resilience', 'Time Management'], 'weeks within planned working hours', [2, 5], [10, 12]),
];

/** Generic templates for any skill; "{skill}" is replaced by the skill's name. */
export const GENERIC_GOAL_TEMPLATES: readonly Omit<GoalTemplateSpec, 'skills' | 'audience'>[] = [
  { title: 'Deepen my expertise in {skill}', measure: 'projects applying {skill} delivered', baseline: [0, 1], target: [2, 4] },
  { title: 'Run a brown-bag session on {skill}', measure: 'sessions run', baseline: [0, 0], target: [1, 3] },
  { title: 'Earn a certification in {skill}', measure: 'certifications earned', baseline: [0, 0], target: [1, 1] },
  { title: 'Become the go-to person for {skill} on my team', measure: 'colleagues helped with {skill}', baseline: [0, 2], target: [8, 15] },
];
