Feature: The life of an event
  The engine judges an event over its whole life, not only at the door of its current stage:
  what was agreed earlier must still hold, the event day comes when it comes, facts are
  recorded in the order the guide puts them, a new date shows what it makes stale, and going
  back is the only way a stage is reopened.

  Background:
    Given a training day in Tampere, Pirkanmaa, organised by a city

  @L1
  Rule: A requirement of a stage already left that breaks later holds the event until it is mended

    @kept
    Scenario: The agreed partner stays on board after the agreement
      Given the planning has reached the "Venue" stage with everything in order
      Then nothing of the stages already left is broken
      And the stage can still be left

    @broken
    Scenario: The partner withdraws after the agreement
      Given the planning has reached the "Venue" stage with everything in order
      When the partner organisation withdraws after the agreement
      Then the change is saved with a warning that "At least one partner organisation" no longer holds
      And the event cannot move on until it is mended

  @L2
  Rule: The event is delivered on its day: delivery is left and day-of items are ticked on the event day at the earliest

    @kept
    Scenario: Delivery is left on the event day
      Given the planning has reached the "Delivery" stage with everything in order
      And the event day has come
      Then the stage can still be left

    @broken
    Scenario: Delivery cannot be left weeks before the event
      Given the planning has reached the "Delivery" stage with everything in order
      And a planner works on it 14 days before the event
      Then the stage cannot be left before the event day

    @broken
    Scenario: Attendance cannot be recorded before the event day
      Given the planning has just reached the "Delivery" stage
      And a planner works on it 14 days before the event
      When a planner ticks "Record attendance"
      Then the request is refused because it is too early

  @L3
  Rule: A fact of a later stage is recorded only after what must come before it

    @kept
    Scenario: The invitation is sent once the agreement is in place
      Given the planning has just reached the "Invitations" stage
      When a planner records that the invitation was sent
      Then the request is accepted

    @broken
    Scenario: The invitation is marked sent before anything is agreed
      Given the planning has just reached the "Partner agreement" stage
      When a planner records that the invitation was sent
      Then the request is refused until "agreement approved in writing" is in order

    @broken
    Scenario: Registrations are imported before the privacy notice is published
      Given the planning has just reached the "Invitations" stage
      When a planner imports the registrations
      Then the request is refused until "Publish the privacy notice" is in order

    @broken
    Scenario: The invitation is marked sent before every speaker has confirmed
      Given the planning has just reached the "Invitation and registration" stage
      When the commentator has not confirmed yet
      And a planner records that the invitation was sent
      Then the request is refused until "Confirm a speaker for every programme slot" is in order

    @broken
    Scenario: The panel questions are marked sent before the event reaches their stage
      Given the planning has just reached the "Programme and speakers" stage
      When a planner ticks "Draft 3–6 panel questions or themes together with the moderator"
      And a planner records that the panel questions were sent
      Then the request is refused until the event has reached the "Panel questions" stage

    @broken
    Scenario: A panel question added after sending is not yet sent
      Given the planning has reached the "Panel questions" stage with everything in order
      When a planner adds a panel question after the questions were sent
      Then the stage cannot be left until "Send the questions or themes to the panelists" is in order

  @L4
  Rule: A new date moves every due date and shows what it makes stale; the past is refused

    @kept
    Scenario: The event moves before anything was sent
      Given the planning has reached the "Speakers" stage with everything in order
      When a planner moves the event 4 weeks later
      Then nothing is reported stale

    @broken
    Scenario: The event moves after the invitation was sent
      Given the planning has reached the "Panel questions" stage with everything in order
      When a planner moves the event 4 weeks later
      Then the planner is told to send the invitation again

    @broken
    Scenario: The event is moved to a day that has passed
      Given the planning has reached the "Venue" stage with everything in order
      When a planner moves the event to a day that has passed
      Then the request is refused because the day has passed

  @L5
  Rule: Reopening only goes back, also after a cancellation

    @kept
    Scenario: A cancelled event is reopened at the stage it was cancelled at
      Given the planning has reached the "Venue" stage with everything in order
      When a planner reopens the "Venue" stage after cancelling the event
      Then the event is back at the "Venue" stage

    @broken
    Scenario: A cancelled event cannot jump ahead to the follow-up
      Given the planning has reached the "Venue" stage with everything in order
      When a planner reopens the "Follow-up" stage after cancelling the event
      Then the request is refused because a stage is only reopened backwards
