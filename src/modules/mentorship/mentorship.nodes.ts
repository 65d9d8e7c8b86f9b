import { registerNode } from '../../graphql/node-registry.js';
import { requireViewer } from '../../graphql/context.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { Role } from '../person/person.enums.js';
import { CheckIn, PulseSurvey, SkillAssessment } from './check-in.entity.js';
import { Mentorship } from './mentorship.entity.js';
import { canSeeMentorship } from './mentorship.service.js';

/**
 * Who may fetch relationship objects with `node(id:)`. Coordinators see every non-private row of
 * their organisation without asking these rules; private rows (pulse answers, the audit trail)
 * are decided here for everyone.
 */
export function registerRelationshipNodes(): void {
  registerNode('Mentorship', { entity: Mentorship, visible: (ctx, m) => canSeeMentorship(requireViewer(ctx), m as Mentorship) });
  registerNode('CheckIn', {
    entity: CheckIn,
    visible: async (ctx, c) => {
      const m = await ctx.loaders.byId(Mentorship).load((c as CheckIn).mentorship.id);
      return !!m && canSeeMentorship(requireViewer(ctx), m);
    },
  });
  registerNode('PulseSurvey', { entity: PulseSurvey, private: true, visible: (ctx, p) => (p as PulseSurvey).author.id === requireViewer(ctx).personId });
  registerNode('SkillAssessment', {
    entity: SkillAssessment,
    visible: (ctx, a) => {
      const viewer = requireViewer(ctx).personId;
      return (a as SkillAssessment).person.id === viewer || (a as SkillAssessment).assessedBy?.id === viewer;
    },
  });
  registerNode('AuditEvent', { entity: AuditEvent, private: true, visible: (ctx) => requireViewer(ctx).role === Role.ORG_ADMIN });
}
