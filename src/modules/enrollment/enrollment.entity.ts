import { Entity, Enum, Index, ManyToOne, Property, Unique, type Opt, type Rel } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../base.entity.js';
import { Node } from '../../graphql/node.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { Organization } from '../organization/organization.entity.js';
import { Person } from '../person/person.entity.js';
import { Programme } from '../programme/programme.entity.js';

export enum EnrollmentRole {
  MENTOR = 'MENTOR',
  MENTEE = 'MENTEE',
}
registerEnumType(EnrollmentRole, { name: 'EnrollmentRole', description: 'The side a person takes in a programme.' });

/** A person's participation in one programme, on one side. */
@ObjectType({ implements: Node, description: 'A person\'s participation in a programme as mentor or mentee.' })
@Entity({ tableName: 'enrollment' })
@Unique({ properties: ['programme', 'person'] })
@Index({ properties: ['programme', 'role'] })
export class Enrollment extends BaseEntity {
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @ManyToOne(() => Programme, { deleteRule: 'cascade' })
  programme!: Rel<Programme>;

  @ManyToOne(() => Person, { deleteRule: 'cascade' })
  person!: Rel<Person>;

  @Field(() => EnrollmentRole, { description: 'Mentor or mentee.' })
  @Enum({ items: () => EnrollmentRole, nativeEnumName: 'enrollment_role' })
  role!: EnrollmentRole;

  @Field(() => Int, { description: 'For mentors: how many mentees they take at once. 0 for mentees.' })
  @Property({ type: 'smallint' })
  capacity: number & Opt = 0;

  @Field(() => Boolean, { description: 'For mentors: whether they are currently taking requests.' })
  @Property({ type: 'boolean' })
  available: boolean & Opt = true;

  @Field(() => Boolean, { description: 'Opt-in: prefer a mentor with a similar background. Never inferred; used only when set.' })
  @Property({ type: 'boolean' })
  optInSimilarBackground: boolean & Opt = false;

  get globalId(): Opt<string> {
    return toGlobalId('Enrollment', this.id);
  }
}
