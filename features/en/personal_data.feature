Feature: Participants' personal data
  Registration data is collected under a controller model decided at planning, with a privacy
  notice published before registration opens, shared only as the notice says, and deleted after
  the event and its follow-up.

  Background:
    Given a training day in Tampere, Pirkanmaa, organised by a city

  @G1
  Rule: The controller model for registration data is decided at the planning stage

    @kept
    Scenario: The organisations are joint controllers
      Given the planning has reached the "Partner agreement" stage with everything in order
      Then "Decide the controller model for registration data" is in order
      And the stage can be left

    @broken
    Scenario: The controller model is left open
      Given the planning has reached the "Partner agreement" stage with everything in order
      When the controller model for registration data is left open
      Then the stage cannot be left until "Decide the controller model for registration data" is in order

  @G2
  Rule: The privacy notice is published before registration opens

    @kept
    Scenario: The privacy notice is linked on the registration form
      Given the planning has reached the "Invitation and registration" stage with everything in order
      Then "Publish the privacy notice" is in order
      And the stage can be left

    @broken
    Scenario: Registration opens without a privacy notice
      Given the planning has reached the "Invitation and registration" stage with everything in order
      When "Publish the privacy notice" is left undone
      Then the stage cannot be left until "Publish the privacy notice" is in order
      And "Publish the privacy notice" cannot be waived

  @G11
  Rule: Catering gets the headcount and diets, not the names

    @kept
    Scenario: The caterer receives the headcount and diets without names
      Given the planning has reached the "Delivery" stage with everything in order
      Then "headcount and special diets" is in order
      And the stage can be left

    @kept
    Scenario: No catering is served, so nothing is sent
      Given the planning has reached the "Delivery" stage with everything in order
      When "headcount and special diets" is waived because "No catering is served"
      Then "headcount and special diets" is in order

    @broken
    Scenario: The headcount is not sent to catering
      Given the planning has reached the "Delivery" stage with everything in order
      When "headcount and special diets" is left undone
      Then the stage cannot be left until "headcount and special diets" is in order

  @G7
  Rule: Registration data is deleted after the follow-up, keeping only anonymised aggregates

    @kept
    Scenario: Registration data is deleted after the follow-up
      Given the planning has reached the "Follow-up" stage with everything in order
      Then "Delete registration data" is in order
      And the stage can be left

    @broken
    Scenario: Registration data is kept after the follow-up
      Given the planning has reached the "Follow-up" stage with everything in order
      When the participants' personal data has not been deleted
      Then the stage cannot be left until "Delete registration data" is in order
      And "Delete registration data" cannot be waived
