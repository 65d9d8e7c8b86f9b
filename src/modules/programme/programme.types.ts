import { Field, ObjectType } from 'type-graphql';
import { ConnectionType, EdgeType } from '../../graphql/connection.js';
import { UserError } from '../../graphql/errors.js';
import { Programme } from './programme.entity.js';

export const ProgrammeEdge = EdgeType('Programme', Programme);
export const ProgrammeConnection = ConnectionType('Programme', Programme, ProgrammeEdge);

@ObjectType({ description: 'Result of creating or updating a programme.' })
export class ProgrammePayload {
  @Field(() => Programme, { nullable: true, description: 'The programme, when the change succeeded.' })
  programme?: Programme | null;

  @Field(() => [UserError], { description: 'Expected failures; empty on success.' })
  userErrors!: UserError[];
}
