import { Entity, Index, ManyToOne, Property, Unique, type Rel, type Opt } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../base.entity.js';
import { Node } from '../../graphql/node.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { Organization } from '../organization/organization.entity.js';
import { Person } from '../person/person.entity.js';

/** A node of the organisation's skill taxonomy; related skills (parent, siblings) earn partial credit in matching. */
@ObjectType({ implements: Node, description: 'A skill in the organisation\'s taxonomy. Skills form a tree (category → skill → specialism).' })
@Entity({ tableName: 'skill' })
@Unique({ properties: ['organization', 'name'] })
export class Skill extends BaseEntity {
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @Field({ description: 'Name, unique within the organisation.' })
  @Property({ type: 'text' })
  name!: string;

  @ManyToOne(() => Skill, { nullable: true, deleteRule: 'set null' })
  parent?: Rel<Skill> | null;

  get globalId(): Opt<string> {
    return toGlobalId('Skill', this.id);
  }
}

/** How good a person is at a skill, and whether they want to teach it. */
@ObjectType({ implements: Node, description: 'A person\'s proficiency in one skill.' })
@Entity({ tableName: 'person_skill' })
@Unique({ properties: ['person', 'skill'] })
@Index({ properties: ['skill'] })
export class PersonSkill extends BaseEntity {
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @ManyToOne(() => Person, { deleteRule: 'cascade' })
  person!: Rel<Person>;

  @ManyToOne(() => Skill, { deleteRule: 'cascade' })
  skill!: Rel<Skill>;

  @Field(() => Int, { description: 'Proficiency from 1 (learning) to 5 (expert).' })
  @Property({ type: 'smallint' })
  proficiency!: number;

  @Field({ description: 'Whether the person would like to teach this skill as a mentor.' })
  @Property({ type: 'boolean' })
  wantsToTeach!: boolean;

  get globalId(): Opt<string> {
    return toGlobalId('PersonSkill', this.id);
  }
}
