import { Field, ID, InterfaceType } from 'type-graphql';

/** Relay's Node: anything with an opaque global ID that `node(id:)` can fetch. */
@InterfaceType({ description: 'An object with an opaque, globally unique ID that `node(id:)` can refetch.' })
export abstract class Node {
  @Field(() => ID, { name: 'id', description: 'Opaque global ID. Stable; do not parse it.' })
  globalId!: string;
}
