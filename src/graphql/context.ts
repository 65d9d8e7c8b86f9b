import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { JobQueue } from '../jobs/queue.js';
import type { Viewer } from './auth.js';
import { Loaders } from './loaders.js';
import { DomainError, UserErrorCode, forbidden, unauthenticated } from './errors.js';
import { Role } from '../modules/person/person.enums.js';
import type { Logger } from '../logger.js';

/** Everything a resolver may use. Built fresh for every request. */
export interface Context {
  em: EntityManager;
  viewer: Viewer | null;
  loaders: Loaders;
  requestId: string;
  log: Logger;
  /** The clock, injectable so tests can move time. */
  now: () => Date;
  /** The ORM (for work that needs its own transactions or forks, like match runs). */
  orm: MikroORM;
  /** Background job queue; null when this process runs without one. */
  jobs: JobQueue | null;
}

export interface ContextArgs extends Omit<Context, 'loaders' | 'em' | 'log'> {
  /** Forks the request's EntityManager; called on first use only. */
  fork: () => EntityManager;
  /** Makes the request's logger; called on first use only. */
  logger: () => Logger;
}

/**
 * The forked EntityManager and the request logger are made on first use: many requests (a warm
 * suggestions page, `{ __typename }`) never touch either, and each costs a few microseconds.
 */
class RequestContext implements Context {
  readonly viewer: Viewer | null;
  readonly requestId: string;
  readonly now: () => Date;
  readonly orm: MikroORM;
  readonly jobs: JobQueue | null;
  readonly loaders: Loaders;
  private forked: EntityManager | null = null;
  private logger: Logger | null = null;

  constructor(private readonly args: ContextArgs) {
    this.viewer = args.viewer;
    this.requestId = args.requestId;
    this.now = args.now;
    this.orm = args.orm;
    this.jobs = args.jobs;
    this.loaders = new Loaders(() => this.em, args.viewer?.organizationId ?? null);
  }

  get em(): EntityManager {
    return (this.forked ??= this.args.fork());
  }

  get log(): Logger {
    return (this.logger ??= this.args.logger());
  }
}

export function makeContext(args: ContextArgs): Context {
  return new RequestContext(args);
}

export function requireViewer(ctx: Context): Viewer {
  if (!ctx.viewer) throw unauthenticated();
  return ctx.viewer;
}

export function isCoordinator(viewer: Viewer): boolean {
  return viewer.role === Role.COORDINATOR || viewer.role === Role.ORG_ADMIN;
}

export function requireCoordinator(ctx: Context): Viewer {
  const viewer = requireViewer(ctx);
  if (!isCoordinator(viewer)) throw forbidden('Only coordinators and organisation admins may do this.');
  return viewer;
}

/** For mutations: a role failure is an expected outcome, reported in `userErrors`. */
export function assertCoordinator(viewer: Viewer): void {
  if (!isCoordinator(viewer)) throw new DomainError(UserErrorCode.FORBIDDEN, 'Only coordinators and organisation admins may do this.');
}
