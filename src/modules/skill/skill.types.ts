import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ConnectionType, EdgeType } from '../../graphql/connection.js';
import { UserError } from '../../graphql/errors.js';
import { Person } from '../person/person.entity.js';
import { Skill } from './skill.entity.js';

export const SkillEdge = EdgeType('Skill', Skill);
export const SkillConnection = ConnectionType('Skill', Skill, SkillEdge);

@InputType({ description: 'One skill with its proficiency.' })
export class PersonSkillInput {
  @Field(() => ID, { description: 'Global ID of the Skill.' })
  skillId!: string;

  @Field(() => Int, { description: 'Proficiency 1 (learning) to 5 (expert).' })
  proficiency!: number;

  @Field(() => Boolean, { nullable: true, description: 'Willing to teach it as a mentor (default false).' })
  wantsToTeach?: boolean | null;
}

@InputType({ description: 'Replace a person\'s skill set.' })
export class SetPersonSkillsInput {
  @Field(() => ID, { nullable: true, description: 'Whose skills (default: the viewer). Coordinators may set anyone\'s.' })
  personId?: string | null;

  @Field(() => [PersonSkillInput], { description: 'The complete set; skills not listed are removed. At most 50.' })
  skills!: PersonSkillInput[];
}

@ObjectType({ description: 'Result of setPersonSkills.' })
export class SetPersonSkillsPayload {
  @Field(() => Person, { nullable: true, description: 'The person, with the new skills.' })
  person?: Person | null;

  @Field(() => [UserError], { description: 'Expected failures; empty on success.' })
  userErrors!: UserError[];
}
