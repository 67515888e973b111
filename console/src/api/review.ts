import { graphql } from '../gql';

// the review queue and a reviewer's decision; persisted documents like every operation

export const ReviewQueueQuery = graphql(`
  query ReviewQueue($after: String) {
    mediaMessages(first: 50, after: $after, filter: { status: [IN_REVIEW] }) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          node
          version
          status
          origin
          bodyAr
          bodyEn
          authors
          createdAt
          campaign {
            id
            titleAr
            titleEn
            scope
          }
          initiative {
            id
            titleAr
            titleEn
          }
          variants {
            channel
            text
            hashtags
            mediaRefs
            publishedText
            length
            limit
            lengthAr
            lengthEn
          }
          reviews {
            id
            decision
            comment
            reviewerId
            reviewerNode
            messageVersion
            decidedAt
            outcome
          }
          violations {
            ruleId
            kind
            severity
            channel
            messageAr
            messageEn
            span {
              start
              end
              text
            }
          }
        }
      }
    }
  }
`);

export const ReviewMessageMutation = graphql(`
  mutation ReviewMessage($id: ID!, $version: Int!, $decision: ReviewDecision!, $comment: String) {
    reviewMessage(id: $id, version: $version, decision: $decision, comment: $comment) {
      id
      decision
      messageId
      message {
        id
        status
        version
      }
    }
  }
`);
