Feature: Moving through the planning stages
  An event leaves a stage only when every requirement of the stage is met; a planner who asks
  too early is told every reason at once. Advice is shown but never holds the event back. A
  stage can be reopened and an event cancelled, each with the reason recorded.

  Background:
    Given a training day in Tampere, Pirkanmaa, organised by a city

  @advance
  Scenario: Leaving the partner agreement before anything is agreed
    Given the planning has just reached the "Partner agreement" stage
    When a planner asks to move the event to the next stage
    Then the request is refused, listing every unmet requirement:
      | At least one partner organisation co-plans |
      | who receives registrations                 |
      | agreement approved in writing              |
      | Decide the controller model                |
      | Involve actors from the target group       |

  @advance
  Scenario: Leaving the partner agreement once it is in order
    Given the planning has reached the "Partner agreement" stage with everything in order
    When a planner asks to move the event to the next stage
    Then the event moves on to the "Venue" stage

  @advance
  Scenario: Without a kick-off meeting the agreement is still done
    Given the planning has reached the "Partner agreement" stage with everything in order
    When "Hold a kick-off meeting" is left undone
    Then "Hold a kick-off meeting" is shown as advice
    And the stage can still be left

  @advance
  Scenario: Leaving the venue stage before the venue is booked
    Given the planning has just reached the "Venue" stage
    When a planner asks to move the event to the next stage
    Then the request is refused, listing every unmet requirement:
      | Book the venue and record its name                      |
      | Record the venue's accessibility                        |
      | Name a person responsible for accessibility information |

  @advance
  Scenario: Leaving the venue stage once the venue is booked
    Given the planning has reached the "Venue" stage with everything in order
    When a planner asks to move the event to the next stage
    Then the event moves on to the "Cost sharing" stage

  @advance
  Scenario: A venue without an address is not yet booked
    Given the planning has reached the "Venue" stage with everything in order
    When the venue's address is not recorded
    Then the stage cannot be left until "Book the venue and record its name" is in order

  @advance
  Scenario: Catering and technology are advice at the venue stage
    Given the planning has reached the "Venue" stage with everything in order
    When "Arrange catering with the venue" is left undone
    And "Check the technology" is left undone
    Then "Arrange catering with the venue" is shown as advice
    And "Check the technology" is shown as advice
    And the stage can still be left

  @advance
  Scenario: Leaving cost sharing before the budget exists
    Given the planning has just reached the "Cost sharing" stage
    When a planner asks to move the event to the next stage
    Then the request is refused, listing every unmet requirement:
      | Draw up the budget      |
      | Record the cost split   |
      | approves the cost split |

  @advance
  Scenario: Leaving cost sharing once the costs are split
    Given the planning has reached the "Cost sharing" stage with everything in order
    When a planner asks to move the event to the next stage
    Then the event moves on to the "Programme and speakers" stage

  @advance
  Scenario: Leaving the programme stage before any speaker is booked
    Given the planning has just reached the "Programme and speakers" stage
    When a planner asks to move the event to the next stage
    Then the request is refused, listing every unmet requirement:
      | Book an expert talk                          |
      | Book one talk on the region's population     |
      | comment talks by people from the target group |
      | Book a panel or other discussion             |
      | Confirm a speaker for every programme slot   |
      | Agree who moderates the panel                |

  @advance
  Scenario: Leaving the programme stage once the programme is ready
    Given the planning has reached the "Programme and speakers" stage with everything in order
    When a planner asks to move the event to the next stage
    Then the event moves on to the "Invitation and registration" stage

  @advance
  Scenario: The panel needs a moderator
    Given the planning has reached the "Programme and speakers" stage with everything in order
    When "Agree who moderates the panel" is left undone
    Then the stage cannot be left until "Agree who moderates the panel" is in order

  @advance
  Scenario: Leaving the invitation stage before the invitation is ready
    Given the planning has just reached the "Invitation and registration" stage
    When a planner asks to move the event to the next stage
    Then the request is refused, listing every unmet requirement:
      | Explain in the invitation what good population relations mean |
      | Give accessibility information and the accessibility contact   |
      | Publish the privacy notice                                     |
      | Set the registration deadline                                  |
      | no later than four weeks before the event                      |

  @advance
  Scenario: Leaving the invitation stage once the invitation is out
    Given the planning has reached the "Invitation and registration" stage with everything in order
    When a planner asks to move the event to the next stage
    Then the event moves on to the "Panel questions" stage

  @advance
  Scenario: Registration must close at least two days before the event
    Given the planning has reached the "Invitation and registration" stage with everything in order
    When registration closes the day before the event
    Then the stage cannot be left until "Set the registration deadline" is in order

  @advance
  Scenario: An invitation sent three weeks before the event is too late
    Given the planning has reached the "Invitation and registration" stage with everything in order
    When the invitation is sent only 3 weeks before the event
    Then the stage cannot be left until "no later than four weeks before the event" is in order
    And "at least six weeks before the event (recommended)" is shown as advice

  @advance
  Scenario: An invitation sent five weeks before the event is late but allowed
    Given the planning has reached the "Invitation and registration" stage with everything in order
    When the invitation is sent only 5 weeks before the event
    Then "at least six weeks before the event (recommended)" is shown as advice
    And "no later than four weeks before the event" is in order
    And the stage can still be left

  @advance
  Scenario: Few target groups and no sharing by the partner are advice
    Given the planning has reached the "Invitation and registration" stage with everything in order
    When only 2 target groups are invited
    And "shares the invitation in its own networks" is left undone
    Then "Invite participants from at least three target groups" is shown as advice
    And "shares the invitation in its own networks" is shown as advice
    And the stage can still be left

  @advance
  Scenario: Leaving the panel questions before any are written
    Given the planning has just reached the "Panel questions" stage
    When a planner asks to move the event to the next stage
    Then the request is refused, listing every unmet requirement:
      | panel questions or themes together with the moderator |
      | Send the questions or themes to the panelists         |

  @advance
  Scenario: Leaving the panel questions once they are sent
    Given the planning has reached the "Panel questions" stage with everything in order
    When a planner asks to move the event to the next stage
    Then the event moves on to the "Delivery" stage

  @advance
  Scenario: A briefing for the panelists is advice
    Given the planning has reached the "Panel questions" stage with everything in order
    When "briefing call" is left undone
    Then "briefing call" is shown as advice
    And the stage can still be left

  @advance
  Scenario: Leaving delivery before the event is prepared
    Given the planning has just reached the "Delivery" stage
    When a planner asks to move the event to the next stage
    Then the request is refused, listing every unmet requirement:
      | final programme and technical needs to the venue |
      | Prepare the run sheet                            |
      | headcount and special diets                      |
      | Send practical information to registrants        |
      | Record attendance                                |

  @advance
  Scenario: Leaving delivery once the event has been held
    Given the planning has reached the "Delivery" stage with everything in order
    When a planner asks to move the event to the next stage
    Then the event moves on to the "Follow-up" stage

  @advance
  Scenario: Reminders and the feedback survey are advice on the day
    Given the planning has reached the "Delivery" stage with everything in order
    When "Remind invitees" is left undone
    And "Hand out the feedback survey" is left undone
    Then "Remind invitees" is shown as advice
    And "Hand out the feedback survey" is shown as advice
    And the stage can still be left

  @advance
  Scenario: Leaving the follow-up before it is done
    Given the planning has just reached the "Follow-up" stage
    When a planner asks to move the event to the next stage
    Then the request is refused, listing every unmet requirement:
      | Record actual costs and invoice            |
      | Send the follow-up report                  |
      | Delete registration data                   |

  @advance
  Scenario: Finishing the follow-up completes the event
    Given the planning has reached the "Follow-up" stage with everything in order
    When a planner asks to move the event to the next stage
    Then the event moves on to the "done" stage

  @advance
  Scenario: Thanks and a debrief are advice after the event
    Given the planning has reached the "Follow-up" stage with everything in order
    When "Send participants thanks" is left undone
    And "Hold a debrief with the partner" is left undone
    Then "Send participants thanks" is shown as advice
    And "Hold a debrief with the partner" is shown as advice
    And the stage can still be left

  @reopen
  Scenario: A stage is reopened when an expert cancels
    Given the planning has reached the "Invitation and registration" stage with everything in order
    When a planner reopens the "Programme and speakers" stage because "The expert speaker cancelled"
    Then the event is back at the "Programme and speakers" stage
    And the history records the reason "The expert speaker cancelled"

  @reopen
  Scenario: A stage is not reopened without a reason
    Given the planning has reached the "Invitation and registration" stage with everything in order
    When a planner reopens the "Programme and speakers" stage without giving a reason
    Then the request is refused because no reason is given

  @cancel
  Scenario: An event is cancelled with its reason
    Given the planning has reached the "Venue" stage with everything in order
    When a planner cancels the event because "The venue is no longer available"
    Then the event is cancelled
    And the history records the reason "The venue is no longer available"

  @cancel
  Scenario: An event is not cancelled without a reason
    Given the planning has reached the "Venue" stage with everything in order
    When a planner cancels the event without giving a reason
    Then the request is refused because no reason is given
