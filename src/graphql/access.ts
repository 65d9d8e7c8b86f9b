import type { Viewer } from './auth.js';
import { isCoordinator } from './context.js';

/**
 * Row-level visibility rules in one place. Every loader is already tenant-scoped; these decide
 * what a viewer may see inside their own organisation.
 */
export const access = {
  /** Goals are personal: the owner and coordinators (mentors see them through a mentorship). */
  canSeeGoalsOf(viewer: Viewer, personId: string): boolean {
    return viewer.personId === personId || isCoordinator(viewer);
  },
  canEditPerson(viewer: Viewer, personId: string): boolean {
    return viewer.personId === personId || isCoordinator(viewer);
  },
};
