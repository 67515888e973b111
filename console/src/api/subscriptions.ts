import { graphql } from '../gql';

// what the live views follow; persisted documents like every operation

export const InitiativeChangedSubscription = graphql(`
  subscription LiveInitiatives {
    initiativeChanged {
      id
      node
      code
      titleAr
      titleEn
      status
      updatedAt
      version
    }
  }
`);

export const CampaignChangedSubscription = graphql(`
  subscription LiveCampaigns {
    campaignChanged {
      id
      node
      titleAr
      titleEn
      status
      updatedAt
      version
    }
  }
`);

export const MessageStatusChangedSubscription = graphql(`
  subscription LiveMessages {
    messageStatusChanged {
      id
      node
      bodyAr
      bodyEn
      status
      updatedAt
      version
    }
  }
`);
