Feature: Accessibility and recording
  Participants know how accessible the event is and whom to ask; the venue's accessibility is
  known. If the event is recorded, streamed or photographed, it is said on the registration
  form, in the confirmation and at the start of the event.

  Background:
    Given a training day in Tampere, Pirkanmaa, organised by a city

  @R23
  Rule: The venue's accessibility is known, a person answers for it, and the invitation tells participants

    @kept
    Scenario: The venue's accessibility and its contact person are recorded
      Given the planning has reached the "Venue" stage with everything in order
      Then "Record the venue's accessibility" is in order
      And "Name a person responsible for accessibility information" is in order
      And the stage can be left

    @kept
    Scenario: Accessibility information is waived for an online-only event
      Given the planning has reached the "Invitation and registration" stage with everything in order
      When the invitation gives no accessibility contact person
      And "Give accessibility information and the accessibility contact person" is waived because "The event is held online only"
      Then "Give accessibility information and the accessibility contact person" is in order

    @broken
    Scenario: The venue's accessibility is not recorded
      Given the planning has reached the "Venue" stage with everything in order
      When the venue's accessibility is not recorded
      Then the stage cannot be left until "Record the venue's accessibility" is in order

    @broken
    Scenario: Nobody answers for accessibility information
      Given the planning has reached the "Venue" stage with everything in order
      When "Name a person responsible for accessibility information" is left undone
      Then the stage cannot be left until "Name a person responsible for accessibility information" is in order

    @broken
    Scenario: The invitation names no accessibility contact person
      Given the planning has reached the "Invitation and registration" stage with everything in order
      When the invitation gives no accessibility contact person
      Then the stage cannot be left until "Give accessibility information and the accessibility contact person" is in order

  @R24
  Rule: A recorded event is announced on the registration form, in the confirmation and at the event

    @kept
    Scenario: A recorded event announces the recording in every channel
      Given the planning has reached the "Invitation and registration" stage with everything in order
      And the event will be recorded
      Then "Announce recording and photography on the registration form" is in order
      And the stage can be left

    @kept
    Scenario: An event that is not recorded has nothing to announce
      Given the planning has reached the "Invitation and registration" stage with everything in order
      Then "Announce recording and photography on the registration form" does not apply to this event

    @broken
    Scenario: The registration form does not say the event is recorded
      Given the planning has reached the "Invitation and registration" stage with everything in order
      And the event will be recorded
      When the registration form does not mention the recording
      Then the stage cannot be left until "Announce recording and photography on the registration form" is in order
      And "Announce recording and photography on the registration form" cannot be waived

    @broken
    Scenario: The recording is not announced at the start of the event
      Given the planning has reached the "Delivery" stage with everything in order
      And the event will be recorded
      When "Announce the recording at the start of the event" is left undone
      Then the stage cannot be left until "Announce the recording at the start of the event" is in order
