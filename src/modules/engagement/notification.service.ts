import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../graphql/auth.js';
import type { ConnectionShape } from '../../graphql/connection.js';
import { DomainError, UserErrorCode } from '../../graphql/errors.js';
import { fromGlobalIdOf } from '../../graphql/global-id.js';
import { markActive } from '../person/person.service.js';
import { Notification } from './notification.entity.js';
import { paginateNewestFirst } from './newest-first.js';

export async function listNotifications(em: EntityManager, viewer: Viewer, args: { first?: number | null; after?: string | null; unreadOnly?: boolean | null }): Promise<ConnectionShape<Notification>> {
  const where: Record<string, unknown> = { organization: viewer.organizationId, recipient: viewer.personId };
  if (args.unreadOnly) where.readAt = null;
  return paginateNewestFirst(em, Notification, where, args);
}

export const MAX_MARK_AT_ONCE = 500;

/** Mark some of the viewer's notifications read (by ID), or all of them. Someone else's IDs are ignored. */
export async function markNotificationsRead(em: EntityManager, viewer: Viewer, args: { notificationIds?: string[] | null; all?: boolean | null }, now: Date): Promise<{ marked: number; unread: number }> {
  const hasIds = args.notificationIds != null && args.notificationIds.length > 0;
  if (hasIds === (args.all === true)) throw new DomainError(UserErrorCode.INVALID_INPUT, 'Give either `notificationIds` or `all: true`.', ['input']);
  const where: Record<string, unknown> = { organization: viewer.organizationId, recipient: viewer.personId, readAt: null };
  if (hasIds) {
    if (args.notificationIds!.length > MAX_MARK_AT_ONCE) throw new DomainError(UserErrorCode.INVALID_INPUT, `At most ${MAX_MARK_AT_ONCE} at once.`, ['input', 'notificationIds']);
    const ids = args.notificationIds!.map((g) => fromGlobalIdOf(g, 'Notification'));
    if (ids.some((id) => id === null)) throw new DomainError(UserErrorCode.INVALID_INPUT, 'Not a Notification ID.', ['input', 'notificationIds']);
    where.id = { $in: ids };
  }
  const marked = await em.nativeUpdate(Notification, where, { readAt: now });
  await markActive(em, viewer.personId, now);
  const unread = await em.count(Notification, { organization: viewer.organizationId, recipient: viewer.personId, readAt: null });
  return { marked, unread };
}
