/**
 * Opaque Relay global IDs: base64url("<Type>:<uuid>"). Decoding validates the shape, the type name
 * and the UUID, so a forged or truncated ID is rejected before it reaches the database.
 * Tenant checks happen where the row is loaded (every query is scoped to the viewer's org).
 */
export const NODE_TYPES = [
  'Organization',
  'Person',
  'Skill',
  'PersonSkill',
  'Programme',
  'Enrollment',
  'DevelopmentGoal',
  'GoalProgress',
  'MatchRun',
  'MatchProposal',
  'Mentorship',
  'CheckIn',
  'PulseSurvey',
  'SkillAssessment',
  'AuditEvent',
  'MentorRequest',
  'Notification',
  'WebhookEndpoint',
  'WebhookDelivery',
] as const;
export type NodeType = (typeof NODE_TYPES)[number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export function toGlobalId(type: NodeType, id: string): string {
  return Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
}

export interface DecodedId {
  type: NodeType;
  id: string;
}

/** Returns null for anything that is not a well-formed global ID of a known type. */
export function fromGlobalId(globalId: string): DecodedId | null {
  if (typeof globalId !== 'string' || globalId.length === 0 || globalId.length > 128 || !BASE64URL.test(globalId)) return null;
  const raw = Buffer.from(globalId, 'base64url').toString('utf8');
  const sep = raw.indexOf(':');
  if (sep <= 0) return null;
  const type = raw.slice(0, sep);
  const id = raw.slice(sep + 1);
  if (!(NODE_TYPES as readonly string[]).includes(type) || !UUID.test(id)) return null;
  // Round-trip check rejects non-canonical encodings of the same payload.
  if (toGlobalId(type as NodeType, id) !== globalId) return null;
  return { type: type as NodeType, id };
}

/** Decode and require a specific type. */
export function fromGlobalIdOf(globalId: string, type: NodeType): string | null {
  const d = fromGlobalId(globalId);
  return d && d.type === type ? d.id : null;
}
