import { graphql } from '../gql';

// every query the console's views send; each is a persisted document (its sha256 is in the manifest)

export const NodesQuery = graphql(`
  query ConsoleNodes {
    nodes {
      code
      nameAr
      nameEn
      role
      status
      lastEventAt
      lastHeartbeatAt
      lagSeconds
      eventsApplied
    }
  }
`);

export const CalendarMonthQuery = graphql(`
  query CalendarMonth($hijriMonth: HijriMonthInput, $range: DateRangeInput, $filter: CalendarFilter) {
    calendar(hijriMonth: $hijriMonth, range: $range, filter: $filter) {
      from
      to
      fromHijri {
        year
        month
        day
        ar
        en
      }
      toHijri {
        year
        month
        day
        ar
        en
      }
      items {
        __typename
        ... on Campaign {
          id
          node
          titleAr
          titleEn
          descriptionAr
          descriptionEn
          axis
          scope
          status
          channels
          audiences
          startsAt
          endsAt
          startsAtHijri {
            ar
            en
          }
          lastDayHijri {
            ar
            en
          }
        }
        ... on CalendarEntry {
          id
          node
          kind
          titleAr
          titleEn
          descriptionAr
          descriptionEn
          entryAxis: axis
          entryStatus: status
          occasionCode
          allDay
          startsAt
          endsAt
          startDate
          endDate
          location
          campaignId
          startDateHijri {
            ar
            en
          }
          endDateHijri {
            ar
            en
          }
        }
      }
    }
    clashes(hijriMonth: $hijriMonth, range: $range) {
      kind
      node
      axis
      reasonAr
      reasonEn
      overlapFrom
      overlapTo
      campaign {
        id
      }
      otherCampaign {
        id
      }
      occasion {
        id
      }
    }
  }
`);

export const InitiativesQuery = graphql(`
  query ConsoleInitiatives($first: Int, $after: String, $filter: InitiativeFilter) {
    initiatives(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          node
          code
          titleAr
          titleEn
          axis
          status
          rag
          percentComplete
          expectedProgress
          lateDays
          plannedStart
          plannedEnd
        }
      }
    }
  }
`);

export const InitiativeQuery = graphql(`
  query ConsoleInitiative($id: ID!) {
    initiative(id: $id) {
      id
      node
      code
      titleAr
      titleEn
      descriptionAr
      descriptionEn
      axis
      status
      rag
      percentComplete
      expectedProgress
      lateDays
      plannedStart
      plannedEnd
      lastReportedAt
      targets {
        kpi
        unit
        targetValue
      }
      progressReports {
        id
        percentComplete
        reportedAt
        note
      }
      assessments {
        id
        weightedScore
        assessedAt
        assessedBy
        note
      }
      campaigns {
        id
        titleAr
        titleEn
        status
        scope
        startsAtHijri {
          ar
          en
        }
      }
      messages {
        id
        status
        bodyAr
        bodyEn
      }
    }
  }
`);

export const DashboardQuery = graphql(`
  query ConsoleDashboard {
    nodes {
      code
      nameAr
      nameEn
      status
      lastEventAt
      lagSeconds
      eventsApplied
    }
    sectorDashboard {
      today
      implementationByNode {
        node
        nodeNameAr
        nodeNameEn
        initiatives
        averageProgress
        late
        averageLateDays
        rag {
          onTrack
          atRisk
          offTrack
          notRated
        }
      }
      integrationRanking(first: 10) {
        rank
        score
        node
        initiativeId
        initiative {
          titleAr
          titleEn
          code
        }
      }
    }
    HEALTH_AWARENESS: sectorDashboard(filter: { axis: [HEALTH_AWARENESS] }) {
      implementationByNode {
        rag {
          onTrack
          atRisk
          offTrack
          notRated
        }
      }
    }
    E_SERVICES: sectorDashboard(filter: { axis: [E_SERVICES] }) {
      implementationByNode {
        rag {
          onTrack
          atRisk
          offTrack
          notRated
        }
      }
    }
    INTERACTIVE_SERVICES: sectorDashboard(filter: { axis: [INTERACTIVE_SERVICES] }) {
      implementationByNode {
        rag {
          onTrack
          atRisk
          offTrack
          notRated
        }
      }
    }
    INFRASTRUCTURE: sectorDashboard(filter: { axis: [INFRASTRUCTURE] }) {
      implementationByNode {
        rag {
          onTrack
          atRisk
          offTrack
          notRated
        }
      }
    }
    OVERSIGHT: sectorDashboard(filter: { axis: [OVERSIGHT] }) {
      implementationByNode {
        rag {
          onTrack
          atRisk
          offTrack
          notRated
        }
      }
    }
    PROCEDURE_IMPROVEMENT: sectorDashboard(filter: { axis: [PROCEDURE_IMPROVEMENT] }) {
      implementationByNode {
        rag {
          onTrack
          atRisk
          offTrack
          notRated
        }
      }
    }
  }
`);

export const IssueFeedTokenMutation = graphql(`
  mutation IssueFeedToken {
    issueCalendarFeedToken {
      token
      expiresAt
    }
  }
`);
