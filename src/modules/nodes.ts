import { registerNode } from '../graphql/node-registry.js';
import { access } from '../graphql/access.js';
import { requireViewer } from '../graphql/context.js';
import { Organization } from './organization/organization.entity.js';
import { Person } from './person/person.entity.js';
import { PersonSkill, Skill } from './skill/skill.entity.js';
import { Programme } from './programme/programme.entity.js';
import { ProgrammeStatus } from './programme/programme.enums.js';
import { Enrollment, EnrollmentRole } from './enrollment/enrollment.entity.js';
import { DevelopmentGoal, GoalProgress } from './goal/goal.entity.js';
import { MatchRun } from './matching/match-run.entity.js';
import { MatchProposal } from './matching/match-proposal.entity.js';
import { registerRelationshipNodes } from './mentorship/mentorship.nodes.js';
import { registerEngagementNodes } from './engagement/engagement.nodes.js';

/** Visibility of each Node type for members (coordinators see everything in their organisation that is not private). */
export function registerFoundationNodes(): void {
  registerNode('Organization', { entity: Organization, visible: () => true });
  registerNode('Person', { entity: Person, visible: () => true });
  registerNode('Skill', { entity: Skill, visible: () => true });
  registerNode('PersonSkill', { entity: PersonSkill, visible: () => true });
  registerNode('Programme', { entity: Programme, visible: (_ctx, p) => (p as Programme).status !== ProgrammeStatus.DRAFT });
  registerNode('Enrollment', {
    entity: Enrollment,
    visible: (ctx, e) => (e as Enrollment).role === EnrollmentRole.MENTOR || (e as Enrollment).person.id === requireViewer(ctx).personId,
  });
  registerNode('DevelopmentGoal', { entity: DevelopmentGoal, visible: (ctx, g) => access.canSeeGoalsOf(requireViewer(ctx), (g as DevelopmentGoal).person.id) });
  registerNode('GoalProgress', {
    entity: GoalProgress,
    visible: async (ctx, p) => {
      const goal = await ctx.loaders.byId(DevelopmentGoal).load((p as GoalProgress).goal.id);
      return !!goal && access.canSeeGoalsOf(requireViewer(ctx), goal.person.id);
    },
  });
  registerRelationshipNodes();
  registerEngagementNodes();
  // Runs and proposals are coordinators' working material; members never see them directly.
  registerNode('MatchRun', { entity: MatchRun, visible: () => false });
  registerNode('MatchProposal', { entity: MatchProposal, visible: () => false });
}
