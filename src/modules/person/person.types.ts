import { Field, ID, InputType, Int } from 'type-graphql';
import { ConnectionType, EdgeType } from '../../graphql/connection.js';
import { Person } from './person.entity.js';

export const PersonEdge = EdgeType('Person', Person);
export const PersonConnection = ConnectionType('Person', Person, PersonEdge);

@InputType({ description: 'Filters for the people directory. All given filters must hold.' })
export class PeopleFilter {
  @Field(() => String, { nullable: true, description: 'Case-insensitive substring of name or title.' })
  search?: string | null;

  @Field(() => String, { nullable: true, description: 'Exact division.' })
  division?: string | null;

  @Field(() => String, { nullable: true, description: 'Exact department.' })
  department?: string | null;

  @Field(() => String, { nullable: true, description: 'Exact location.' })
  location?: string | null;

  @Field(() => Int, { nullable: true, description: 'Minimum level (inclusive).' })
  levelMin?: number | null;

  @Field(() => Int, { nullable: true, description: 'Maximum level (inclusive).' })
  levelMax?: number | null;

  @Field(() => ID, { nullable: true, description: 'Has this skill (global ID of a Skill).' })
  skillId?: string | null;

  @Field(() => Int, { nullable: true, description: 'With `skillId`: minimum proficiency 1–5.' })
  minProficiency?: number | null;
}
