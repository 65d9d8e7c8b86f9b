import { Entity, Property, Unique, type Opt } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../base.entity.js';
import { Node } from '../../graphql/node.js';
import { toGlobalId } from '../../graphql/global-id.js';

/** The tenant. Every other row belongs to exactly one organisation. */
@ObjectType({ implements: Node, description: 'An organisation (tenant) that runs mentoring programmes.' })
@Entity({ tableName: 'organization' })
export class Organization extends BaseEntity {
  @Field({ description: 'Display name.' })
  @Property({ type: 'text' })
  name!: string;

  @Field({ description: 'URL-safe unique handle.' })
  @Unique()
  @Property({ type: 'text' })
  slug!: string;

  get globalId(): Opt<string> {
    return toGlobalId('Organization', this.id);
  }
}
