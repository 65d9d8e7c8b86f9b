import { Entity, ManyToOne, Unique, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../base.entity.js';
import { Organization } from '../organization/organization.entity.js';
import { Person } from '../person/person.entity.js';
import { Programme } from './programme.entity.js';

/**
 * A coordinator assigned to a programme. A programme with assigned coordinators sends its alerts
 * (health turning AT_RISK or STALLED, unanswered requests, proposals awaiting approval) to them
 * alone; one without falls back to every coordinator of the organisation (its admins when it has
 * none), so nothing is ever addressed to nobody.
 */
@Entity({ tableName: 'programme_coordinator' })
@Unique({ properties: ['programme', 'person'] })
export class ProgrammeCoordinator extends BaseEntity {
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @ManyToOne(() => Programme, { deleteRule: 'cascade' })
  programme!: Rel<Programme>;

  @ManyToOne(() => Person, { deleteRule: 'cascade' })
  person!: Rel<Person>;

  @ManyToOne(() => Person, { nullable: true, deleteRule: 'set null' })
  assignedBy?: Rel<Person> | null;
}
