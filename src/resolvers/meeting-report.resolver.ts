import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import {
  DiscussionItem,
  FieldDecision,
  GovernanceGroup,
  MeetingReport,
  Organisation,
  PartnerUpdate,
  Partnership,
  SourceDocument,
} from '../entities';
import { DECISIONS, decisionsOf } from './decisions';
import { must, type HubContext } from '../graphql/context';

@Resolver(() => MeetingReport)
export class MeetingReportResolver {
  @FieldResolver(() => Partnership)
  async partnership(@Root() r: MeetingReport, @Ctx() ctx: HubContext): Promise<Partnership> {
    return must(await ctx.loaders.partnership.load(r.partnershipSlug), `meeting ${r.id} partnership`);
  }

  @FieldResolver(() => GovernanceGroup, { nullable: true })
  group(@Root() r: MeetingReport, @Ctx() ctx: HubContext): Promise<GovernanceGroup | null> | null {
    return r.groupId ? ctx.loaders.group.load(r.groupId) : null;
  }

  @FieldResolver(() => [PartnerUpdate], { description: 'What each partner reported, in the order of the minutes.' })
  updates(@Root() r: MeetingReport, @Ctx() ctx: HubContext): Promise<PartnerUpdate[]> {
    return ctx.loaders.updatesByMeeting.load(r.id);
  }

  @FieldResolver(() => SourceDocument, { nullable: true })
  document(@Root() r: MeetingReport, @Ctx() ctx: HubContext): Promise<SourceDocument | null> {
    return ctx.loaders.document.load(r.sourceDocument);
  }

  @FieldResolver(() => [FieldDecision], DECISIONS)
  decisions(@Root() r: MeetingReport, @Ctx() ctx: HubContext): Promise<FieldDecision[]> {
    return decisionsOf(ctx, 'MEETING', r.id);
  }

  @FieldResolver(() => [DiscussionItem], { description: 'The discussion the minutes record, item by item.' })
  discussion(@Root() r: MeetingReport, @Ctx() ctx: HubContext): Promise<DiscussionItem[]> {
    return ctx.loaders.discussionByMeeting.load(r.id);
  }
}

@Resolver(() => PartnerUpdate)
export class PartnerUpdateResolver {
  @FieldResolver(() => Organisation)
  async organisation(@Root() u: PartnerUpdate, @Ctx() ctx: HubContext): Promise<Organisation> {
    return must(await ctx.loaders.organisation.load(u.organisationId), `update ${u.id} organisation`);
  }

  @FieldResolver(() => MeetingReport)
  async meeting(@Root() u: PartnerUpdate, @Ctx() ctx: HubContext): Promise<MeetingReport> {
    return must(await ctx.loaders.meeting.load(u.meetingId), `update ${u.id} meeting`);
  }

  @FieldResolver(() => [FieldDecision], DECISIONS)
  decisions(@Root() u: PartnerUpdate, @Ctx() ctx: HubContext): Promise<FieldDecision[]> {
    return decisionsOf(ctx, 'UPDATE', u.id);
  }
}
