import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { AuditEvent } from './audit-event.entity.js';
import { AuditEventConnection } from './audit.types.js';
import { Person } from '../person/person.entity.js';
import { Role } from '../person/person.enums.js';
import { type Context, requireViewer } from '../../graphql/context.js';
import { badUserInput, forbidden } from '../../graphql/errors.js';
import { fromGlobalId, NODE_TYPES, toGlobalId, type NodeType } from '../../graphql/global-id.js';
import { paginate } from '../../graphql/paginate.js';
import type { ConnectionShape } from '../../graphql/connection.js';

@Resolver(() => AuditEvent)
export class AuditEventResolver {
  @Query(() => AuditEventConnection, { description: 'The audit trail of your organisation, oldest first (organisation admins only).' })
  async auditEvents(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, at most 100).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to continue after.' }) after: string | null,
    @Arg('subjectId', () => ID, { nullable: true, description: 'Only events about this object (its global ID).' }) subjectId: string | null,
  ): Promise<ConnectionShape<AuditEvent>> {
    const viewer = requireViewer(ctx);
    if (viewer.role !== Role.ORG_ADMIN) throw forbidden('Only organisation admins may read the audit trail.');
    const where: Record<string, unknown> = { organization: viewer.organizationId };
    if (subjectId != null) {
      const decoded = fromGlobalId(subjectId);
      if (!decoded) throw badUserInput('"subjectId" is not a valid ID.');
      where.subjectType = decoded.type;
      where.subjectId = decoded.id;
    }
    return paginate(ctx.em, AuditEvent, where, { keys: [{ field: 'at', type: 'string' }, { field: 'id', type: 'string' }] }, { first, after });
  }

  @FieldResolver(() => Person, { nullable: true, description: 'Who made the change; null for the system, or where who did it is itself private (a support flag).' })
  async actor(@Root() event: AuditEvent, @Ctx() ctx: Context): Promise<Person | null> {
    return event.actor ? ctx.loaders.byId(Person).load(event.actor.id) : null;
  }

  @FieldResolver(() => ID, { description: 'Global ID of the changed object (refetch it with `node`).' })
  subjectId(@Root() event: AuditEvent): string {
    return (NODE_TYPES as readonly string[]).includes(event.subjectType) ? toGlobalId(event.subjectType as NodeType, event.subjectId) : event.subjectId;
  }
}
